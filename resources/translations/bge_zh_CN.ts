<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>bge</name>
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
      <source>The text is empty: type or paste some text first.</source>
      <translation>文本为空：请先输入或粘贴一些文本。</translation>
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
      <source>needs two models with a result</source>
      <translation>需要至少两个已有结果的模型</translation>
    </message>
    <message>
      <source>CKA needs at least three words</source>
      <translation>CKA 至少需要三个词</translation>
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
      <source>left only</source>
      <translation>只用左侧</translation>
    </message>
    <message>
      <source>this checkpoint has no softmax</source>
      <translation>此检查点没有 softmax 输出层</translation>
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
      <source>{n} words: run as {windows} overlapping windows of up to {size} words and stitched (ELMo's LSTM state starts fresh in each window)</source>
      <translation>{n} 个词：分成 {windows} 个重叠窗口（每个最多 {size} 个词）运行后拼接（每个窗口中 ELMo 的 LSTM 状态重新开始）</translation>
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

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>bge</name>
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
      <source>Agreement between models (Pearson r of their top-layer word similarities)</source>
      <translation>模型之间的一致性（最顶层词相似度矩阵的皮尔逊相关系数 r）</translation>
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
      <source>On your text</source>
      <translation>在你的文本上</translation>
    </message>
    <message>
      <source>To see it</source>
      <translation>如何看到</translation>
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
      <source>Forward half (left context only)</source>
      <translation>前向部分（只看上文）</translation>
    </message>
    <message>
      <source>Backward half (right context only)</source>
      <translation>后向部分（只看下文）</translation>
    </message>
    <message>
      <source>Row word's change when the column word is replaced. Above the diagonal (later words changing earlier ones): at most {value}.</source>
      <translation>替换列上的词后，行上的词的变化量。对角线以上（后面的词改变前面的词）：最大 {value}。</translation>
    </message>
    <message>
      <source>A decoder predicts only from the left: it continues your text.</source>
      <translation>解码器只根据上文预测：它在续写你的文本。</translation>
    </message>
    <message>
      <source>This model could not run</source>
      <translation>这个模型无法运行</translation>
    </message>
    <message>
      <source>ELMo's vectors are [forward ; backward]: below, the similarity of each half on its own. The forward half has read only the words to the left, the backward half only those to the right.</source>
      <translation>ELMo 的向量是 [前向 ; 后向] 的拼接：下面分别显示两部分各自的相似度。前向部分只读过左边的词，后向部分只读过右边的词。</translation>
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
      <source>Forward LSTM, reading the words before</source>
      <translation>前向 LSTM（只读前面的词）预测</translation>
    </message>
    <message>
      <source>Backward LSTM, reading the words after</source>
      <translation>后向 LSTM（只读后面的词）预测</translation>
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
      <source>Click a word: each direction guesses it from its own side only.</source>
      <translation>点击一个词：两个方向各自只根据自己一侧的上下文猜测它。</translation>
    </message>
    <message>
      <source>Masked-word fill</source>
      <translation>遮蔽词填充</translation>
    </message>
    <message>
      <source>Click a word to mask it and see what the model would put there.</source>
      <translation>点击一个词将其遮住，看看模型会在那里填什么。</translation>
    </message>
    <message>
      <source>Next-sentence probability</source>
      <translation>下一句概率</translation>
    </message>
    <message>
      <source>sentence 2 follows sentence 1</source>
      <translation>第 2 句接在第 1 句之后</translation>
    </message>
    <message>
      <source>Word prediction</source>
      <translation>词预测</translation>
    </message>
    <message>
      <source>Next-sentence prediction</source>
      <translation>下一句预测</translation>
    </message>
    <message>
      <source>Masked-word fill for</source>
      <translation>遮蔽词填充：</translation>
    </message>
    <message>
      <source>Next-sentence probability (sentence 2 follows sentence 1)</source>
      <translation>下一句概率（第 2 句接在第 1 句之后）</translation>
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
      <source>needs two sentences and an encoder with its NSP head</source>
      <translation>需要两个句子，以及带 NSP 预训练头的编码器</translation>
    </message>
  </context>
</TS>

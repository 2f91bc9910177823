/**
 * Words that carry no topic in a study question. Dropping them keeps BM25 from
 * matching "what is" against every definition, and keeps the abstention check
 * honest: an off-topic question must not look covered because of "how" or "的".
 */
export const ENGLISH_STOPWORDS = new Set(
  `a about above after again against all am an and any are aren as at be because been before being below between
both but by can cannot could did do does doing don down during each few for from further had has have having he her
here hers herself him himself his how i if in into is isn it its itself just let me more most my myself no nor not of
off on once only or other ought our ours ourselves out over own same she should so some such than that the their
theirs them themselves then there these they this those through to too under until up very was we were what when
where which while who whom why will with would you your yours yourself yourselves
explain tell describe mean means meaning work works working used using use thing things kind way ways exactly really
actually basically please pls hey hi anyone someone know get got want need much many lot lots every another else already since quite rather still yet maybe probably anyway also like one two versus vs
do does did done make makes made happen happens help idea`.split(/\s+/),
);

/** Function words and question words; jieba emits them as their own tokens. */
export const CHINESE_STOPWORDS = new Set(
  `的 了 是 什么 怎么 怎样 怎么样 为什么 为何 如何 吗 呢 吧 啊 呀 么 和 与 及 或 在 有 这 那 这个 那个 这些 那些 个 一个
一种 我 你 他 她 它 我们 你们 他们 就 都 也 还 把 被 对 中 上 下 里 要 会 能 可以 可 请问 请 一下 讲讲 说说 讲 说
解释 介绍 哪些 哪个 哪 多少 为 以 之 其 等 该 时 后 前 到 从 让 给 着 过 又 很 更 最 比 而 但 但是 因为 所以 如果 那么
还是 并 并且 来 去 用 做 得 地 没有 没 不 是不是 有没有 到底 究竟 具体 一般 啥 为啥 咋 呗 嘛 哦 吗 知道 想 问 问题 一点
东西 意思 是什么 什么样 怎么回事 作用 干嘛 有什么 有啥 叫 叫做 称为 即 就是 主要
哪几种 哪几类 哪几个 哪几 哪种 哪类 哪样 何种 啥样 几种 几类 几个 时候
多大 多久 多长 多高 多远 多快 多深 多宽`.split(/\s+/),
);

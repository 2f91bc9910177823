#!/usr/bin/env node
// Generates a tiny, deterministic, transformers.js-loadable BERT-style embedding model
// used ONLY as a test fixture (random weights, no semantic knowledge).
//
// Usage: node scripts/make-fixture-model.mjs [outDir]
//   default outDir: <repo>/tests/fixtures/tiny-embedder
//
// Output (byte-identical on every run: seeded PRNG, no Math.random, no timestamps):
//   config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx, README.md
//
// The ONNX graph (ir_version 8, opset 17), inputs int64 [batch, seq]:
//   we   = Gather(word_embeddings, input_ids)                 [B,S,D]
//   te   = Gather(token_type_embeddings, token_type_ids)      [B,S,D]
//   pe   = Gather(position_embeddings, Range(0, S, 1))        [S,D]
//   h    = Tanh((we + te + pe) @ dense_weight + dense_bias)   [B,S,D]
//   last_hidden_state = h * Unsqueeze(Cast(attention_mask, float), -1)
// The protobuf is written with protobufjs from a hand-written subset of onnx.proto
// (field numbers identical to the official onnx/onnx.proto).

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(HERE, '..');
const OUT_DIR = process.argv[2] ? path.resolve(process.argv[2]) : path.join(REPO_ROOT, 'tests', 'fixtures', 'tiny-embedder');

const HIDDEN = 32;
const MAX_POS = 512;
const TYPE_VOCAB = 2;
const SEED = 0x5eed1234;

// ---------------------------------------------------------------------------
// Deterministic PRNG (mulberry32) + approx. normal via Irwin–Hall (no Math.random,
// no transcendental functions, so results are bit-exact across platforms).
// ---------------------------------------------------------------------------
function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(SEED);
function randn() {
  // Sum of 12 U(0,1) minus 6 has mean 0, variance 1.
  let s = 0;
  for (let i = 0; i < 12; i++) s += rand();
  return s - 6;
}
function randomFloat32(count, std) {
  const buf = Buffer.alloc(count * 4);
  for (let i = 0; i < count; i++) buf.writeFloatLE(Math.fround(randn() * std), i * 4);
  return buf;
}
function int64Bytes(values) {
  const buf = Buffer.alloc(values.length * 8);
  values.forEach((v, i) => {
    buf.writeBigInt64LE(BigInt(v), i * 8);
  });
  return buf;
}

// ---------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------
const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];

const ASCII_PUNCT = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
const LETTERS = 'abcdefghijklmnopqrstuvwxyz'; // the normalizer lowercases, so no A-Z
const DIGITS = '0123456789';

// Common English + ML words (whole-word pieces).
const ENGLISH_WORDS = `
the of and to in a is that for it as was with be by on not he this are or his from at
which but have an they you were her she there been one all we their has would when if so
what can no do out up who them its more will about into than then these some could other
time only new also two first may any like how our over such most after even because where
between both each many well those through very same while under should here must does
why just make made use used using get set see know take give find show work number way
query passage question answer text word words document documents note notes study review
learn learning machine deep model models network networks neural layer layers input
output hidden state vector vectors embedding embeddings token tokens tokenizer encoder
decoder attention transformer transformers self head heads multi feature features
representation space dimension dimensions matrix tensor weight weights bias gradient
gradients descent stochastic batch batches epoch epochs train training test testing
validation data dataset set sample samples label labels class classes classification
regression loss losses function functions focal cross entropy softmax sigmoid relu tanh
activation activations linear logistic probability probabilities distribution
distributions mean variance standard deviation normal normalization norm dropout
regularization overfitting underfitting optimizer optimization adam momentum rate
learning rate step steps parameter parameters hyperparameter convolution convolutional
pooling max min average kernel filter stride padding recurrent sequence sequences
memory long short term lstm gru rnn cnn bert gpt language natural processing nlp
vision image images pixel pixels object detection segmentation generative adversarial
gan diffusion autoencoder variational latent prior posterior bayes bayesian inference
likelihood estimation estimator maximum minimum error errors accuracy precision recall
score metric metrics true false positive negative positives negatives imbalance
imbalanced hard easy example examples weighting weighted alpha gamma beta lambda sigma
theta delta epsilon scale scaling factor cosine similarity distance euclidean dot
product sum difference retrieval search index ranking rank reranking dense sparse
bm25 hybrid chunk chunks context window length position positional encoding
fine tuning pretrained pretraining transfer zero shot few prompt generation decode
greedy beam temperature sampling top perplexity bleu rouge cluster clustering kmeans
tree trees forest random boosting svm support margin kernel principal component pca
graph node nodes edge edges matrix eigenvalue eigenvector rank linear algebra
calculus derivative chain rule backpropagation forward backward pass propagation
residual connection skip block blocks stack encoder decoder value key
`;

// Common continuation pieces (besides ##a..##z, ##0..##9).
const SUFFIXES = `
s es ed ing er ers est ly tion tions ation ations al ize ized izes izing ization ment
ments ness ity ities ive able ible ous ic ical ist ists ism ful less en ure ence ance
ant ent ary ory y ies ied or ors ward wards like based wise old
`;

// CJK / full-width punctuation (BertPreTokenizer splits these off as \p{P}).
const CJK_PUNCT = '，。、；：？！“”‘’（）《》【】「」『』—…·';

// ~1,500 common simplified Chinese characters in (approximate) frequency order.
// Derived once from character frequencies in the jieba dictionary word list; fixed here.
const CJK_COMMON =
  '一是人了不在有大中国和为这上他个地年来我会以到时要出的生学说道民家子也成行下们于后就发自之对得主长可' +
  '过天作分方用多你着部能市等业全里工公经本都而高政法面门动日进区事代那去心小同北定开产前其军还然起种所' +
  '如现理机体表力好外与文当两实重新三么只山水关明从化平建又制南内西没此将员名手最东头者月间无安看见各城' +
  '十相但已些正口通想度加第她合院物性战由位常点海意场武使次二向治因立数样身情入原问把路被并利石老教万知' +
  '级量任江及应省资委务元美特期世湖回系比气汉总展电科金先声提品设或义王社很统处四首共马形己儿司太目基领' +
  '队直计别女权话少流命至报米给打变果书清活几州华解议更称程今决张导术府才保交放管结师便走达族反再题色五' +
  '京河接条规县式白它改风光运信受什组听布百济党指论强做取技黄神选记斯真却职号界件花类何眼兵传带空干农边' +
  '据集联古广完质阳难增历史专官每住商即步认车台林必死游举线言皇土团收考求德叫近备研争非具李众连调感转笑' +
  '革该持始英克士尔让拉思根格造较际亲单朝红型价校约器字段周亚深候则功属积快图火千准究往极育装许参半令吃' +
  '观鱼精办像帝八复影告远群包整构料随划算象容示投势热值夫网望源息语股铁断派速怎需片爱律纪支早况病境证编' +
  '越局推满且列觉服双未居除乐企引标确织初青志率项飞球察节龙响药站施均消客失轻存低甚般击曾防请离落显罗营' +
  '足素视护副食创余照兴占巴虽洲村费易试星木黑左宝置跟央识维采六底宫房音环案批切斗富乡另倒若按查故突责严' +
  '桥模仅胜杀围席态破承招杨负层须父供续状域似依银范修找九致密终血旅钱赛独细效玉冲获习医演毛尽脸弹楼艺航' +
  '陆右协七攻镇检写苏宗章注阿抗弟坐验封紧劳户优财养适陈喜卫排射哥油刻留急降念云微伤例景拿绝阶座刘刚害印' +
  '亿沙母酒助闻超审待压升送监策略限竟香配藏敌呢差仍兰温园树征善波哪词岛止预怕继皮执味份角草男普答益谁船' +
  '惊核街夏宣掌田久著画辑奇尼剑吧谈背免孩礼材愿洋春架筑括晚乱乎讲尚良友临激刀夜室既敢邦挥昌板胡欧福港叶' +
  '简苦担句岁荆贵娘守辖威宜衣帮块堂额错剧充欢够孙班呼阵销坚练脚退读测吴希宁换版异某顾曲楚典朱毒菜判救宋' +
  '茶洪含顺啊鲜败货矿端兄归冷忙买险康评肉吗厂永哈沉散遗停笔假输牛洞松渐顶训录否述毕督控丰献姑忽爷互亮纳' +
  '襄登咱钟伯臣雄季脑介鄂召饭暗扩祖齐短烈赶牌恩诉移诗础露届蒙静喝盘卖植授伊湾博痛减穿逐秘庭陵固禁票灵杂' +
  '姓泽吸侧庆妈遇追甲馆补唐炮沿殿刺怪彩俄旧警索岸轮妇载靠附毫怀软骨探雷旁罪枪牙迎序慢盛雨墙恶谷顿危稳熟' +
  '概酸操诸绿佛荣针托宽折野付午肯库厚缺罢耳屋嘴末谢培巨页瓦款犯困店智拥雪翻圣戏旗吉婚奖岩疑币圆歌廷健卡' +
  '烧析讨跑烟误仙疗舞亡闭汽伸脱秋姐繁侵川莫麻秀借寻私岗卷跳丽横驻套兼您君丁束纸夺袁灯坏坦丝径购阴床瞧择' +
  '墓宪峰遍鲁庙掉丹桃御舰避售怒课播拔奥延虚隐粮络遭摇潜庄混厅婆奴鼓赵访睡震予童徐韦殖抓拜吨扬址洛休纵逃' +
  '染纷贸透汇灭蛋森仪塔距狐融郡缓聚盖拍迹忠释润粉涓孔岭搜紫虑促抵钢塞寺津液码虎坛珍硬梁奔累役偏迫锛凡损' +
  '壁哭替税综伦冰盟挂韩竞乌尤弱铺妹秦尊竹珠迅脉泥鬼纯睛刑途隆潮幅杯握谋剂幸奉乘抱朋谓频崇壮骑紝恐享鸡虫' +
  '绍铜呈泛械摆欲奶敬措爆暴签猛郭嘉障缩亦废搞胞埃曰撤暖寒订俗绩阻盐萨勒忘奏孝贴灰梅触玩默胸醒莲篇柱裁啦' +
  '淡抢捕闹纺截讯朗誉雅忍梦伙勇峡徒丈尾迷唱泉泰佳残闪伍呀疾署剩贼冠倾豆申贫诺麦泪羊尖辈镜涉贡爹缘摩妻殊' +
  '贝零映甘骂糖岳饮奋棉雕跃汗冒渡努赞启阁斤裂患伏池鹿洗劲晋倍圈媒箭沟锋胆凭挑抬闯隔弄曹汤苗迁叹唯振储贯' +
  '彻桌祭符僧衡炸旋凤喊黎郎援肥磁忌赏辽祥董仁辛瑞询敏浪貌毁昨巧腿抽荷陷焦净腹弃乃湘亩滑狗冬宏皆番尸伟桂' +
  '览恢龄绕趣晶坡魏摸伴墨浓绪舍蓝荡阅井鸿旦惯症鸟扎窗辞聘穷堰宇键荒递恨隶厉杜闲腰袭侍灾涨叔湿寨幕豪郑磨';

// A few extra characters that matter for ML notes but are not in the list above.
const CJK_EXTRA = '梯矩阵嵌编码器卷积池归焦损函熵权偏拟泛概贝叶斯距离聚簇召';

function buildVocab() {
  const tokens = [];
  const seen = new Set();
  const add = (t) => {
    if (t && !seen.has(t)) {
      seen.add(t);
      tokens.push(t);
    }
  };
  SPECIAL_TOKENS.forEach(add);
  for (const ch of ASCII_PUNCT) add(ch);
  for (const ch of DIGITS) add(ch);
  for (const ch of LETTERS) add(ch);
  for (const ch of DIGITS) add(`##${ch}`);
  for (const ch of LETTERS) add(`##${ch}`);
  for (const w of ENGLISH_WORDS.split(/\s+/)) add(w);
  for (const s of SUFFIXES.split(/\s+/)) if (s) add(`##${s}`);
  for (const ch of CJK_PUNCT) add(ch);
  for (const ch of CJK_COMMON) add(ch);
  for (const ch of CJK_EXTRA) add(ch);
  const vocab = {};
  tokens.forEach((t, i) => {
    vocab[t] = i;
  });
  return { tokens, vocab };
}

// ---------------------------------------------------------------------------
// Tokenizer files (HF `tokenizers` JSON format, BERT WordPiece)
// ---------------------------------------------------------------------------
function buildTokenizerJson(vocab) {
  const id = (t) => vocab[t];
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((t) => ({
      id: id(t),
      content: t,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    // handle_chinese_chars puts spaces around every CJK ideograph, so the
    // BertPreTokenizer (whitespace + punctuation split) yields one token per character.
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [id('[CLS]')], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [id('[SEP]')], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab,
    },
  };
}

function buildTokenizerConfig() {
  return {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    tokenize_chinese_chars: true,
    strip_accents: null,
    model_max_length: MAX_POS,
    padding_side: 'right',
    truncation_side: 'right',
    clean_up_tokenization_spaces: true,
    unk_token: '[UNK]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    cls_token: '[CLS]',
    mask_token: '[MASK]',
    model_input_names: ['input_ids', 'token_type_ids', 'attention_mask'],
  };
}

function buildConfig(vocabSize) {
  return {
    _comment: 'Test fixture generated by scripts/make-fixture-model.mjs. Random weights, NO semantic knowledge.',
    architectures: ['BertModel'],
    model_type: 'bert',
    vocab_size: vocabSize,
    hidden_size: HIDDEN,
    num_hidden_layers: 1,
    num_attention_heads: 1,
    intermediate_size: HIDDEN * 2,
    hidden_act: 'tanh',
    max_position_embeddings: MAX_POS,
    type_vocab_size: TYPE_VOCAB,
    layer_norm_eps: 1e-12,
    pad_token_id: 0,
    initializer_range: 0.02,
    torch_dtype: 'float32',
  };
}

// ---------------------------------------------------------------------------
// ONNX protobuf subset (proto2, field numbers as in the official onnx/onnx.proto)
// ---------------------------------------------------------------------------
const ONNX_PROTO = `
syntax = "proto2";
package onnx;

message AttributeProto {
  enum AttributeType {
    UNDEFINED = 0; FLOAT = 1; INT = 2; STRING = 3; TENSOR = 4; GRAPH = 5; SPARSE_TENSOR = 11;
    TYPE_PROTO = 13; FLOATS = 6; INTS = 7; STRINGS = 8; TENSORS = 9; GRAPHS = 10;
    SPARSE_TENSORS = 12; TYPE_PROTOS = 14;
  }
  optional string name = 1;
  optional string ref_attr_name = 21;
  optional string doc_string = 13;
  optional AttributeType type = 20;
  optional float f = 2;
  optional int64 i = 3;
  optional bytes s = 4;
  optional TensorProto t = 5;
  optional GraphProto g = 6;
  repeated float floats = 7;
  repeated int64 ints = 8;
  repeated bytes strings = 9;
  repeated TensorProto tensors = 10;
  repeated GraphProto graphs = 11;
}

message ValueInfoProto {
  optional string name = 1;
  optional TypeProto type = 2;
  optional string doc_string = 3;
}

message NodeProto {
  repeated string input = 1;
  repeated string output = 2;
  optional string name = 3;
  optional string op_type = 4;
  optional string domain = 7;
  repeated AttributeProto attribute = 5;
  optional string doc_string = 6;
}

message StringStringEntryProto {
  optional string key = 1;
  optional string value = 2;
}

message ModelProto {
  optional int64 ir_version = 1;
  repeated OperatorSetIdProto opset_import = 8;
  optional string producer_name = 2;
  optional string producer_version = 3;
  optional string domain = 4;
  optional int64 model_version = 5;
  optional string doc_string = 6;
  optional GraphProto graph = 7;
  repeated StringStringEntryProto metadata_props = 14;
}

message GraphProto {
  repeated NodeProto node = 1;
  optional string name = 2;
  repeated TensorProto initializer = 5;
  optional string doc_string = 10;
  repeated ValueInfoProto input = 11;
  repeated ValueInfoProto output = 12;
  repeated ValueInfoProto value_info = 13;
}

message TensorProto {
  enum DataType {
    UNDEFINED = 0; FLOAT = 1; UINT8 = 2; INT8 = 3; UINT16 = 4; INT16 = 5; INT32 = 6;
    INT64 = 7; STRING = 8; BOOL = 9; FLOAT16 = 10; DOUBLE = 11; UINT32 = 12; UINT64 = 13;
    COMPLEX64 = 14; COMPLEX128 = 15; BFLOAT16 = 16;
  }
  repeated int64 dims = 1;
  optional int32 data_type = 2;
  repeated float float_data = 4 [packed = true];
  repeated int32 int32_data = 5 [packed = true];
  repeated bytes string_data = 6;
  repeated int64 int64_data = 7 [packed = true];
  optional string name = 8;
  optional string doc_string = 12;
  optional bytes raw_data = 9;
  repeated double double_data = 10 [packed = true];
  repeated uint64 uint64_data = 11 [packed = true];
}

message TensorShapeProto {
  message Dimension {
    oneof value {
      int64 dim_value = 1;
      string dim_param = 2;
    }
    optional string denotation = 3;
  }
  repeated Dimension dim = 1;
}

message TypeProto {
  message Tensor {
    optional int32 elem_type = 1;
    optional TensorShapeProto shape = 2;
  }
  oneof value {
    Tensor tensor_type = 1;
  }
  optional string denotation = 6;
}

message OperatorSetIdProto {
  optional string domain = 1;
  optional int64 version = 2;
}
`;

const DT_FLOAT = 1;
const DT_INT64 = 7;
const ATTR_INT = 2;

function tensorValueInfo(name, elemType, dims) {
  return {
    name,
    type: {
      tensor_type: {
        elem_type: elemType,
        shape: {
          dim: dims.map((d) => (typeof d === 'string' ? { dim_param: d } : { dim_value: d })),
        },
      },
    },
  };
}
function initializer(name, dataType, dims, raw) {
  return { name, data_type: dataType, dims, raw_data: raw };
}
function node(opType, inputs, outputs, attribute = []) {
  return { op_type: opType, name: `${outputs[0]}_node`, input: inputs, output: outputs, attribute };
}

function buildOnnxModel(vocabSize) {
  // Generation order is fixed => weights are fixed.
  const wordEmb = randomFloat32(vocabSize * HIDDEN, 1.0);
  const typeEmb = randomFloat32(TYPE_VOCAB * HIDDEN, 0.5);
  const posEmb = randomFloat32(MAX_POS * HIDDEN, 0.1);
  const denseW = randomFloat32(HIDDEN * HIDDEN, 1 / Math.sqrt(HIDDEN));
  const denseB = randomFloat32(HIDDEN, 0.1);

  const graph = {
    name: 'tiny_embedder',
    doc_string: 'Random-weight test fixture. NO semantic knowledge.',
    node: [
      node('Gather', ['word_embeddings', 'input_ids'], ['word_emb'], [{ name: 'axis', type: ATTR_INT, i: 0 }]),
      node('Gather', ['token_type_embeddings', 'token_type_ids'], ['type_emb'], [{ name: 'axis', type: ATTR_INT, i: 0 }]),
      node('Shape', ['input_ids'], ['ids_shape']),
      node('Gather', ['ids_shape', 'const_one'], ['seq_len'], [{ name: 'axis', type: ATTR_INT, i: 0 }]),
      node('Range', ['const_zero', 'seq_len', 'const_one'], ['position_ids']),
      node('Gather', ['position_embeddings', 'position_ids'], ['pos_emb'], [{ name: 'axis', type: ATTR_INT, i: 0 }]),
      node('Add', ['word_emb', 'type_emb'], ['emb_wt']),
      node('Add', ['emb_wt', 'pos_emb'], ['emb']),
      node('MatMul', ['emb', 'dense_weight'], ['proj']),
      node('Add', ['proj', 'dense_bias'], ['proj_b']),
      node('Tanh', ['proj_b'], ['act']),
      node('Cast', ['attention_mask'], ['mask_f'], [{ name: 'to', type: ATTR_INT, i: DT_FLOAT }]),
      node('Unsqueeze', ['mask_f', 'unsqueeze_axes'], ['mask_3d']),
      node('Mul', ['act', 'mask_3d'], ['last_hidden_state']),
    ],
    initializer: [
      initializer('word_embeddings', DT_FLOAT, [vocabSize, HIDDEN], wordEmb),
      initializer('token_type_embeddings', DT_FLOAT, [TYPE_VOCAB, HIDDEN], typeEmb),
      initializer('position_embeddings', DT_FLOAT, [MAX_POS, HIDDEN], posEmb),
      initializer('dense_weight', DT_FLOAT, [HIDDEN, HIDDEN], denseW),
      initializer('dense_bias', DT_FLOAT, [HIDDEN], denseB),
      initializer('const_zero', DT_INT64, [], int64Bytes([0])),
      initializer('const_one', DT_INT64, [], int64Bytes([1])),
      initializer('unsqueeze_axes', DT_INT64, [1], int64Bytes([-1])),
    ],
    input: [
      tensorValueInfo('input_ids', DT_INT64, ['batch_size', 'sequence_length']),
      tensorValueInfo('attention_mask', DT_INT64, ['batch_size', 'sequence_length']),
      tensorValueInfo('token_type_ids', DT_INT64, ['batch_size', 'sequence_length']),
    ],
    output: [tensorValueInfo('last_hidden_state', DT_FLOAT, ['batch_size', 'sequence_length', HIDDEN])],
  };

  const model = {
    ir_version: 8,
    opset_import: [{ domain: '', version: 17 }],
    producer_name: 'studybot/scripts/make-fixture-model.mjs',
    producer_version: '1',
    model_version: 1,
    doc_string: 'Test fixture: random weights, NO semantic knowledge.',
    graph,
  };

  const root = protobuf.parse(ONNX_PROTO, { keepCase: true }).root;
  const ModelProto = root.lookupType('onnx.ModelProto');
  const err = ModelProto.verify(model);
  if (err) throw new Error(`Invalid ModelProto: ${err}`);
  return Buffer.from(ModelProto.encode(ModelProto.fromObject(model)).finish());
}

// ---------------------------------------------------------------------------
// README
// ---------------------------------------------------------------------------
function buildReadme(vocabSize) {
  return `# tiny-embedder (TEST FIXTURE)

This folder is a **test fixture** generated by \`scripts/make-fixture-model.mjs\`
(\`node scripts/make-fixture-model.mjs [outDir]\`). Do not edit it by hand; re-run the script.

- **Random weights** from a seeded PRNG. The model has **NO semantic knowledge**:
  similar texts do NOT get similar vectors in any meaningful sense.
- It exists only to exercise the real code paths offline: transformers.js model
  loading, BERT WordPiece tokenising (English + per-character Chinese), ONNX Runtime
  inference and mean pooling / normalisation.
- Never use it for retrieval quality, evals or benchmarks.

Details: \`model_type: bert\`, hidden size ${HIDDEN}, vocab ${vocabSize} tokens, max ${MAX_POS}
positions. \`onnx/model.onnx\` (ir_version 8, opset 17) takes \`input_ids\`, \`attention_mask\`,
\`token_type_ids\` (int64 [batch, seq]) and returns \`last_hidden_state\` (float32
[batch, seq, ${HIDDEN}]) = tanh((word + token_type + position embeddings) · W + b) · mask.
The generator is deterministic: running it twice produces byte-identical files.
`;
}

// ---------------------------------------------------------------------------
function main() {
  const { tokens, vocab } = buildVocab();
  const json = (o) => `${JSON.stringify(o, null, 2)}\n`;
  const files = [
    ['config.json', json(buildConfig(tokens.length))],
    ['tokenizer.json', json(buildTokenizerJson(vocab))],
    ['tokenizer_config.json', json(buildTokenizerConfig())],
    ['onnx/model.onnx', buildOnnxModel(tokens.length)],
    ['README.md', buildReadme(tokens.length)],
  ];
  let total = 0;
  for (const [rel, content] of files) {
    const p = path.join(OUT_DIR, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
    const size = Buffer.byteLength(content);
    total += size;
    console.log(`${path.relative(process.cwd(), p) || p}  ${size} bytes`);
  }
  console.log(`vocab ${tokens.length} tokens, hidden ${HIDDEN}, total ${total} bytes`);
}

main();

/**
 * The checks of an explained verification (ResultDetail.check, English in the SDK) in the page's
 * language. Formulas and grammar (now < exp + skew, bstr(16)) read the same in both languages and are
 * kept; the words around them are translated. test/demoExplainTexts.test.ts finds every check text in
 * sdk/explain/ and fails when one has no Chinese here.
 */
import type { Lang } from './i18n.js';

const ZH: Readonly<Record<string, string>> = {
  'every check of PG1 §5 passed': 'PG1 §5 的全部检查均通过',
  'now < sunset of the trust list': 'now < 信任列表的 sunset（项目终止时间）',
  'now < expires of the trust list': 'now < 信任列表的 expires（到期时间）',
  'now < expires + stale_grace of the trust list': 'now < 信任列表的 expires + stale_grace（宽限期）',
  'now < expires of the revocation state in force (the last list, filter or delta applied)': 'now < 当前撤销状态的 expires（最后应用的列表、过滤器或增量）',
  'now < expires + stale_grace of the revocation state in force (the last list, filter or delta applied)': 'now < 当前撤销状态的 expires + stale_grace（最后应用的列表、过滤器或增量）',
  'revocations were in force and their stored state was lost: verification fails closed until the next list': '本机曾有撤销列表，但其存储状态已丢失：在获得下一份列表前一律拒绝',
  'a presentation is not empty': '出示内容不能为空',
  'a presentation is not empty (an empty line)': '出示内容不能为空（空行）',
  'transport: text is PG1: + base45, or hex of the raw bytes': '传输格式：文本应为 PG1: + base45，或原始字节的十六进制',
  'size: a presentation is at most 4,096 bytes': '大小：出示内容最多 4,096 字节',
  'encoding (§1): one well-formed item, definite lengths, no floats or undefined, valid UTF-8, nothing after it': '编码（§1）：单个格式正确的数据项，定长，无浮点数或 undefined，UTF-8 有效，其后无多余内容',
  'encoding (§1): shortest heads, map keys sorted bytewise without duplicates, a tag only on the token': '编码（§1）：最短头部，映射键按字节排序且不重复，仅令牌带标签',
  'token protected header: bstr .cbor {1: alg, 4: kid bstr(8)}, exactly these keys': '令牌受保护头部：bstr .cbor {1: alg, 4: kid bstr(8)}，恰好这两个键',
  'binding: [presented_at uint, nonce bstr / null, sig bstr(64)]': '设备绑定：[presented_at uint, nonce bstr / null, sig bstr(64)]',
  'Presentation = [token, disclosures, ? binding]': '出示结构 = [token, disclosures, ? binding]',
  'Token = #6.18([protected bstr, unprotected {}, payload bstr, signature bstr(64)])': '令牌 = #6.18([protected bstr, unprotected {}, payload bstr, signature bstr(64)])',
  'disclosures: [* bstr]': '披露项：[* bstr]',
  'PG1 §1 encoding and the structures of §2 to §4': 'PG1 §1 编码及 §2 至 §4 的结构',
  'alg is -19 (Ed25519) or -8 (EdDSA)': 'alg 为 -19（Ed25519）或 -8（EdDSA）',
  'a key with this kid is in the trust list in force': '当前信任列表中有此 kid 的密钥',
  'the issuer key’s Ed25519 signature over the token holds (cofactored, RFC 8032 §5.1.7)': '签发密钥对令牌的 Ed25519 签名有效（含余因子，RFC 8032 §5.1.7）',
  'claims (§2): iss tstr(1-32 bytes), exp, iat, cti bstr(16), sd [1*64 bstr(32)] ascending, ? nbf, ? cnf, integer keys only': '声明（§2）：iss tstr(1-32 字节)、exp、iat、cti bstr(16)、sd [1*64 bstr(32)] 升序、? nbf、? cnf，键均为整数',
  'a binding only on a token with cnf': '只有带 cnf 的令牌才能附设备绑定',
  'iss = the iss of the key': 'iss = 该密钥的 iss',
  'not_before <= iat < not_after of the key': '该密钥的 not_before <= iat < not_after',
  'iat < revoked_at of the key': 'iat < 该密钥的 revoked_at（吊销时间）',
  'now >= nbf - skew': 'now >= nbf - skew（时钟偏差）',
  'now < exp + skew': 'now < exp + skew（时钟偏差）',
  'not in the deltas’ added prefixes, and not revoked by the filter when iat <= covers (§7.3)': '不在增量新增的前缀中，且在 iat <= covers 时未被过滤器撤销（§7.3）',
  'the token is not revoked by the revocation state in force (§7)': '令牌未被当前撤销状态撤销（§7）',
  'Disclosure = bstr .cbor [salt bstr(16), key uint, value], one per key, value of the §3 type': '披露项 = bstr .cbor [salt bstr(16), key uint, value]，每个键一项，值为 §3 规定的类型',
  'the digest H(disclosure) of each disclosure is in the token’s sd': '每个披露项的摘要 H(disclosure) 都在令牌的 sd 中',
  'a token with cnf carries a binding': '带 cnf 的令牌须附设备绑定',
  'the binding’s nonce is the one this reader issued (null when it issued none)': '绑定中的 nonce 是本读取器发出的（未发出时为 null）',
  'the cnf key is a canonical point of large order': 'cnf 密钥是规范编码的大阶点',
  'the device signature by the cnf key over ["PG1-device", cti, presented_at, nonce] holds': 'cnf 密钥对 ["PG1-device", cti, presented_at, nonce] 的设备签名有效',
  '|now - presented_at| <= 60': '|now - presented_at| <= 60（秒）',
  'every claim the rule looks at is disclosed': '场所规则查看的每项声明均已披露',
  'status in allow': '健康码颜色（status）在允许范围（allow）内',
  'nat result is negative (0)': '核酸检测结果为阴性（0）',
  'nat sampled_at >= now - nat_max_age': '核酸采样时间 sampled_at >= now - nat_max_age',
  'vax doses >= min_doses': '疫苗剂次 doses >= min_doses',
  'abroad14 is false (deny_abroad14)': 'abroad14 为 false（14 天内无境外旅居，deny_abroad14）',
  'risk14 is false (deny_risk14)': 'risk14 为 false（14 天内无中高风险地区旅居，deny_risk14）',
  'the venue rule (§8)': '场所规则（§8）',
  // PG1 §10: passes without a phone (card passes, printed passes with an identity document)
  'a card pass is read from its card: the reader gives the card’s serial': '卡码须从其卡片读取：读卡器须给出卡片序列号',
  'card = H("PG1-card" || serial)[0..16] for the serial of the card read': '对所读卡片的序列号，card = H("PG1-card" || serial)[0..16]',
  'the presentation is bound to its holder: cnf, a card pass read from its card, or a document check (§10.3)': '出示与持码人绑定：cnf、从其卡片读取的卡码，或证件核对（§10.3）',
  'id4 is disclosed with a document check': '核对证件时须披露 id4（证件后四位）',
  'the document number has at least as many code points as id4': '证件号的字符数不少于 id4',
  'id4 equals the last code points of the document number (ASCII letters without regard to case)': 'id4 等于证件号的末几位字符（ASCII 字母不区分大小写）',
  'the disclosed name has as many code points as the document’s': '披露的姓名与证件上的姓名字数相同',
  'each code point of the disclosed name is * or the document’s at the same position': '披露姓名的每个字为 *，或与证件上同一位置的字相同',
  'the document check of §10.2': '§10.2 的证件核对',
};

/** "CODE: decided by the core at this step (no further detail could be read)". */
const CORE_DECIDED = /^([A-Z_]+): decided by the core at this step \(no further detail could be read\)$/;

/** A check in the page's language (as the SDK gives it, in English). */
export function checkText(check: string, lang: Lang): string {
  if (lang === 'en') return check;
  const zh = ZH[check];
  if (zh !== undefined) return zh;
  const core = CORE_DECIDED.exec(check);
  if (core) return `${core[1]!}：由核心在此步判定（无法读出更多细节）`;
  return check;
}

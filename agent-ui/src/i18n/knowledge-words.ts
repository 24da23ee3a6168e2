// The words of the knowledge base the server sends: an article version's status, an article's kind and
// the flags that ask an editor to look at it.
import type { ArticleFlag, ArticleKind, ArticleStatus } from '../api-types.js';
import type { Words } from './words.js';

export const ARTICLE_STATUS_WORDS: Words<ArticleStatus> = {
  'zh-CN': { draft: '草稿', 'in-review': '待审核', published: '已发布', superseded: '已被替代', expired: '已失效' },
  en: { draft: 'Draft', 'in-review': 'In review', published: 'Published', superseded: 'Superseded', expired: 'Expired' },
};

export const ARTICLE_KIND_WORDS: Words<ArticleKind> = {
  'zh-CN': { policy: '政策', guide: '办事指南', faq: '常见问答', contact: '联系方式' },
  en: { policy: 'Policy', guide: 'Service guide', faq: 'FAQ', contact: 'Contact' },
};

export const ARTICLE_FLAG_WORDS: Words<ArticleFlag> = {
  'zh-CN': { expired: '已过有效期', 'not-yet-valid': '尚未生效', 'review-due': '到期待复核', 'expires-soon': '即将到期' },
  en: { expired: 'Expired', 'not-yet-valid': 'Not yet valid', 'review-due': 'Review due', 'expires-soon': 'Expires soon' },
};

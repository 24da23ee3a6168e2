// Text-message templates (短信模板) as data (fixtures/sms-templates.yaml): each template's text with
// its {placeholders}, the signature (签名) put before every message, and the code the HTTP platform
// approved the same text under. Checked once here, so a message is rendered only from a known
// template with exactly the parameters its text names.
import type { ParseResult } from '../acd/acd-config.js';
import { FieldReader, join } from '../acd/field-reader.js';

export interface TextTemplate {
  readonly id: string;
  /** The text without the signature, e.g. `您单位有新工单{number}待签收…`. */
  readonly text: string;
  /** The placeholders of `text`, in order of first use. */
  readonly params: readonly string[];
  /** The template's code on the HTTP platform (Alibaba Cloud's TemplateCode, e.g. SMS_4000001). */
  readonly platformCode: string;
}

export interface TextTemplates {
  /** Without the brackets: 12345热线 is sent as 【12345热线】. */
  readonly signature: string;
  readonly byId: ReadonlyMap<string, TextTemplate>;
}

const TOP_FIELDS = ['signature', 'templates'];
const TEMPLATE_FIELDS = ['id', 'text', 'platformCode'];
// Ids come from callers' code and end up in stored rows and idempotency keys.
const ID_PATTERN = /^[a-z][a-z0-9-]*$/;
const PLACEHOLDER = /\{([^{}]*)\}/g;
const PARAM_NAME = /^[a-z][A-Za-z0-9]*$/;
/** Chinese operators refuse a signature outside 2..12 characters. */
const SIGNATURE_PATTERN = /^[^【】\s]{2,12}$/;

export function parseTextTemplates(raw: unknown): ParseResult<TextTemplates> {
  const r = new FieldReader('SMS_TEMPLATE');
  const top = r.object(raw, '');
  if (!top) return { ok: false, errors: r.errors };
  r.onlyFields(top, '', TOP_FIELDS);
  const signature = r.string(top, 'signature', '');
  if (signature !== '' && !SIGNATURE_PATTERN.test(signature)) r.fail('INVALID_FIELD', 'signature', 'a signature is 2 to 12 characters without brackets or spaces, e.g. 12345热线');
  const byId = new Map<string, TextTemplate>();
  r.list(top.templates, 'templates').forEach((item, i) => {
    const template = readTemplate(r, item, join('templates', i), byId);
    if (template) byId.set(template.id, template);
  });
  if (Array.isArray(top.templates) && top.templates.length === 0) r.fail('MISSING_FIELD', 'templates', 'at least one template is needed');
  if (r.errors.length > 0) return { ok: false, errors: r.errors };
  return { ok: true, value: { signature, byId } };
}

function readTemplate(r: FieldReader, raw: unknown, path: string, seen: ReadonlyMap<string, TextTemplate>): TextTemplate | null {
  const o = r.object(raw, path);
  if (!o) return null;
  r.onlyFields(o, path, TEMPLATE_FIELDS);
  const id = r.string(o, 'id', path);
  if (id !== '' && !ID_PATTERN.test(id)) r.fail('INVALID_ID', join(path, 'id'), `'${id}' is not a lowercase id like 'order-to-sign'`);
  if (seen.has(id)) r.fail('DUPLICATE_ID', join(path, 'id'), `template id '${id}' is used twice`);
  const text = r.string(o, 'text', path);
  const platformCode = r.string(o, 'platformCode', path);
  if (/[【】]/.test(text)) r.fail('INVALID_FIELD', join(path, 'text'), 'the signature 【…】 is added to every message; leave it out of the text');
  const params = placeholders(text);
  for (const name of params) {
    if (!PARAM_NAME.test(name)) r.fail('INVALID_PLACEHOLDER', join(path, 'text'), `'{${name}}' is not a placeholder like {number}`);
  }
  return { id, text, params, platformCode };
}

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ''))];
}

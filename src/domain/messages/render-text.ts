// A template and its parameters made into the text a citizen's or a unit's phone shows. Refused with
// a stable code when the template is unknown or the parameters do not fit it: a message is never
// sent with a placeholder left in it, an extra value nobody asked for, or a value that could change
// what the message says (a line break, a second signature, a link).
import type { TextTemplate, TextTemplates } from './text-templates.js';

export type RenderRefusal = 'MESSAGE_TEMPLATE_UNKNOWN' | 'MESSAGE_PARAMS_INVALID';

export type Rendered = { readonly ok: true; readonly template: TextTemplate; readonly body: string; readonly text: string } | { readonly ok: false; readonly code: RenderRefusal; readonly reason: string };

/** Operators' platforms refuse longer variable values (Alibaba Cloud: 35 characters). */
export const MAX_PARAM_LENGTH = 35;
const FORBIDDEN_IN_VALUE = /[\r\n【】]|https?:|www\./i;

export function renderText(templates: TextTemplates, templateId: string, params: Readonly<Record<string, string>>): Rendered {
  const template = templates.byId.get(templateId);
  if (!template) return { ok: false, code: 'MESSAGE_TEMPLATE_UNKNOWN', reason: `no template '${templateId}'` };
  const problem = paramProblem(template, params);
  if (problem !== null) return { ok: false, code: 'MESSAGE_PARAMS_INVALID', reason: problem };
  const body = template.text.replace(/\{([^{}]*)\}/g, (_, name: string) => params[name] ?? '');
  return { ok: true, template, body, text: `【${templates.signature}】${body}` };
}

function paramProblem(template: TextTemplate, params: Readonly<Record<string, string>>): string | null {
  const given = Object.keys(params);
  const missing = template.params.filter((name) => !given.includes(name));
  if (missing.length > 0) return `'${template.id}' needs ${missing.map((name) => `{${name}}`).join(', ')}`;
  const extra = given.filter((name) => !template.params.includes(name));
  if (extra.length > 0) return `'${template.id}' has no ${extra.map((name) => `{${name}}`).join(', ')}`;
  for (const name of given) {
    const value = params[name] ?? '';
    if (typeof value !== 'string' || value.trim() === '') return `{${name}} is empty`;
    if ([...value].length > MAX_PARAM_LENGTH) return `{${name}} is longer than ${MAX_PARAM_LENGTH} characters`;
    if (FORBIDDEN_IN_VALUE.test(value)) return `{${name}} holds a line break, a bracket 【】 or a link`;
  }
  return null;
}

// The kinds of request (诉求类型) and urgency levels an agent picks when filing a work order.

export const REQUEST_TYPES = ['consultation', 'help', 'complaint', 'report', 'suggestion', 'praise'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export const REQUEST_TYPE_NAMES: Readonly<Record<RequestType, string>> = {
  consultation: '咨询',
  help: '求助',
  complaint: '投诉',
  report: '举报',
  suggestion: '建议',
  praise: '表扬',
};

export const URGENCIES = ['normal', 'urgent', 'very-urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const URGENCY_NAMES: Readonly<Record<Urgency, string>> = { normal: '一般', urgent: '紧急', 'very-urgent': '特急' };

export function isRequestType(value: string): value is RequestType {
  return (REQUEST_TYPES as readonly string[]).includes(value);
}

export function isUrgency(value: string): value is Urgency {
  return (URGENCIES as readonly string[]).includes(value);
}

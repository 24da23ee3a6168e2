// The words of a work order: its status, request type, urgency, warning colour and the citizen's rating.
import type { RequestType, SatisfactionRating, TicketStatus, Urgency, WarningColour } from '../../../src/contract/vocabulary.js';
import type { Words } from './words.js';

export const TICKET_STATUS_WORDS: Words<TicketStatus> = {
  'zh-CN': { missed: '未接来电', accepted: '已受理', dispatched: '已派单', 'in-progress': '办理中', replied: '已答复', closed: '已办结' },
  en: { missed: 'Missed call', accepted: 'Accepted', dispatched: 'Dispatched', 'in-progress': 'In progress', replied: 'Replied', closed: 'Closed' },
};

export const REQUEST_TYPE_WORDS: Words<RequestType> = {
  'zh-CN': { consultation: '咨询', help: '求助', complaint: '投诉', report: '举报', suggestion: '建议', praise: '表扬' },
  en: { consultation: 'Consultation', help: 'Help', complaint: 'Complaint', report: 'Report', suggestion: 'Suggestion', praise: 'Praise' },
};

export const URGENCY_WORDS: Words<Urgency> = {
  'zh-CN': { normal: '一般', urgent: '紧急', 'very-urgent': '特急' },
  en: { normal: 'Normal', urgent: 'Urgent', 'very-urgent': 'Very urgent' },
};

export const WARNING_WORDS: Words<WarningColour> = {
  'zh-CN': { red: '红色预警', yellow: '黄色预警', green: '绿色预警' },
  en: { red: 'Red', yellow: 'Yellow', green: 'Green' },
};

export const SATISFACTION_WORDS: Words<SatisfactionRating> = {
  'zh-CN': { satisfied: '满意', 'basically-satisfied': '基本满意', dissatisfied: '不满意' },
  en: { satisfied: 'Satisfied', 'basically-satisfied': 'Basically satisfied', dissatisfied: 'Dissatisfied' },
};

/** What happened to an order, as its history names it (ticket_events.kind). */
type TicketEventKind =
  | 'created' | 'filed' | 'edited' | 'status' | 'dispatch' | 'response' | 'progress' | 'reply' | 'satisfaction'
  | 'return-requested' | 'return-approved' | 'return-rejected' | 'extension-requested' | 'extension-approved' | 'extension-rejected';

export const TICKET_EVENT_WORDS: Words<TicketEventKind> = {
  'zh-CN': {
    created: '建单', filed: '受理', edited: '修改', status: '状态变更', dispatch: '派单', response: '签收', progress: '进展反馈', reply: '答复', satisfaction: '回访',
    'return-requested': '申请退单', 'return-approved': '同意退单', 'return-rejected': '驳回退单', 'extension-requested': '申请延期', 'extension-approved': '同意延期', 'extension-rejected': '驳回延期',
  },
  en: {
    created: 'Created', filed: 'Filed', edited: 'Edited', status: 'Status changed', dispatch: 'Dispatched', response: 'Signed', progress: 'Progress', reply: 'Replied', satisfaction: 'Return visit',
    'return-requested': 'Return asked', 'return-approved': 'Return approved', 'return-rejected': 'Return rejected', 'extension-requested': 'Extension asked', 'extension-approved': 'Extension approved', 'extension-rejected': 'Extension rejected',
  },
};

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

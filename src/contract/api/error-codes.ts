// Every error code the HTTP API answers, with its status and default message: one table, so a code
// keeps one status wherever it is thrown, /docs lists what each route may answer, a misspelt code
// does not compile, and the pages key their translated sentences by the same codes. Codes are stable
// (clients and tests match on them); messages may improve.

export interface CatalogueEntry {
  readonly status: number;
  readonly message: string;
}

const ACD_REFUSED = 'The agent or call is not in a state that allows this';

export const HTTP_ERRORS = {
  // Refused before a route ran (by the HTTP server, the router, the body parser), or by the schema of the route.
  REQUEST_INVALID: { status: 400, message: 'The request does not match what this route takes' },
  REQUEST_TEXT_INVALID: { status: 400, message: 'Text may not contain control characters or broken Unicode' },
  REQUEST_MALFORMED: { status: 400, message: 'The request is not valid HTTP' },
  REQUEST_URL_INVALID: { status: 400, message: 'The URL is not valid' },
  REQUEST_URL_TOO_LONG: { status: 414, message: 'A part of the URL is too long' },
  REQUEST_HEADERS_TOO_LARGE: { status: 431, message: 'The request line or headers are too large' },
  REQUEST_TIMEOUT: { status: 408, message: 'The request did not arrive in time' },
  /** A 4xx of a plugin that gave no code of its own; the answer keeps that plugin's status (e.g. 403). */
  REQUEST_REJECTED: { status: 400, message: 'The request was refused' },
  REQUEST_BODY_INVALID_JSON: { status: 400, message: 'The body is not valid JSON' },
  REQUEST_BODY_EMPTY: { status: 400, message: 'The body is empty but declared as JSON' },
  REQUEST_BODY_LENGTH_MISMATCH: { status: 400, message: 'The body does not match its Content-Length' },
  REQUEST_BODY_TOO_LARGE: { status: 413, message: 'The body is too large (1 MiB at most)' },
  REQUEST_MEDIA_TYPE_UNSUPPORTED: { status: 415, message: 'Bodies are JSON only (Content-Type: application/json)' },
  ROUTE_NOT_FOUND: { status: 404, message: 'No such route' },
  STORAGE_BUSY: { status: 503, message: 'The database is busy or full; try again in a moment' },
  INTERNAL: { status: 500, message: 'Internal error' },
  UI_NOT_BUILT: { status: 503, message: 'The user interface is not built: run npm run ui:build' },

  AUTH_REQUIRED: { status: 401, message: 'Sign in first (POST /api/auth/login)' },
  AUTH_FORBIDDEN: { status: 403, message: 'Your role may not do this' },
  AUTH_INVALID_CREDENTIALS: { status: 401, message: 'Wrong user name or password' },
  AUTH_LOCKED: { status: 429, message: 'Too many wrong passwords: try again after the Retry-After seconds' },

  CALL_NOT_FOUND: { status: 404, message: 'No live call with this id' },
  CALL_NOT_IN_CONVERSATION: { status: 409, message: 'The call has no agent talking with the caller right now' },
  CALL_NOT_YOURS: { status: 403, message: 'Agents act only on the call they are talking on' },
  CALL_TRANSFER_PENDING: { status: 409, message: 'An attended transfer of this call is already under way' },
  MONITOR_NOT_FOUND: { status: 404, message: 'No monitoring session with this id (it has ended, or never was)' },
  MONITOR_NOT_YOURS: { status: 403, message: "Supervisors change and end only their own monitoring sessions" },
  MONITOR_ALREADY_ON: { status: 409, message: 'You are monitoring this call already: change the mode of that session' },
  MONITOR_BARGE_TAKEN: { status: 409, message: 'Another supervisor has barged into this call already' },
  MONITOR_NO_PHONE: { status: 409, message: "The supervisor's phone is not registered: sign in a SIP handset or browser phone first" },
  MONITOR_NOT_HEARING: { status: 409, message: 'A take-over needs the supervisor to hear the call first (their phone answered)' },
  CALLS_UNAVAILABLE: { status: 503, message: 'The server running the calls did not answer in time (a takeover under way, or Redis away); try again' },
  CALL_DRAFT_CLOSED: { status: 409, message: 'The call has ended and its work order is written: file on the ticket' },
  QUEUE_UNKNOWN: { status: 400, message: 'No queue with this id' },
  AGENT_UNKNOWN: { status: 400, message: 'No agent with this id' },
  AGENT_NOT_AVAILABLE: { status: 409, message: 'The agent is not logged in, or is the one on the call' },

  AGENT_NOT_FOUND: { status: 404, message: 'No agent with this id' },
  PAUSE_REASON_RESERVED: { status: 400, message: 'This pause reason is set by the ACD only' },
  // The ACD's refusals of an agent's state change, under the ACD's own code.
  ACD_STOPPED: { status: 409, message: 'The ACD is shutting down' },
  ACD_FAILED: { status: 409, message: 'The ACD could not apply this change' },
  ACD_UNAVAILABLE: { status: 503, message: 'No answer from the ACD in time (no server leads it, or Redis is away); try again' },
  ACD_UNKNOWN_QUEUE: { status: 409, message: ACD_REFUSED },
  ACD_UNKNOWN_PRIORITY_CLASS: { status: 409, message: ACD_REFUSED },
  ACD_DUPLICATE_CALL: { status: 409, message: ACD_REFUSED },
  ACD_UNKNOWN_CALL: { status: 409, message: ACD_REFUSED },
  ACD_UNKNOWN_AGENT: { status: 409, message: ACD_REFUSED },
  ACD_WRONG_CALL_STATE: { status: 409, message: ACD_REFUSED },
  ACD_WRONG_AGENT_STATE: { status: 409, message: 'The agent is not in a state that allows this' },
  ACD_CALLBACK_NOT_OFFERED: { status: 409, message: ACD_REFUSED },
  ACD_CALLBACK_TOO_EARLY: { status: 409, message: ACD_REFUSED },

  KNOWLEDGE_ARTICLE_NOT_FOUND: { status: 404, message: 'No such article, or none you may read (agents read only published articles valid today)' },
  KNOWLEDGE_VERSION_NOT_FOUND: { status: 404, message: 'The article has no such version' },
  KNOWLEDGE_VERSION_CONFLICT: { status: 409, message: 'The article changed since it was read: read it again' },
  KNOWLEDGE_VERSION_OPEN: { status: 409, message: 'The article already has a version in draft or in review: edit or finish that one' },
  KNOWLEDGE_STEP_INVALID: { status: 409, message: "The version's status does not allow this step (only a draft is edited or submitted, only a version in review approved or rejected, only a published one withdrawn)" },
  KNOWLEDGE_NOT_YOURS: { status: 403, message: "A unit writes only its own unit's articles" },
  KNOWLEDGE_CATEGORY_UNKNOWN: { status: 400, message: 'A category of the article is not in the taxonomy' },
  KNOWLEDGE_UNIT_UNKNOWN: { status: 400, message: 'The owner unit is not a declared handling unit' },
  KNOWLEDGE_VALIDITY_INVALID: { status: 400, message: 'The validity days are not real calendar days, or valid-to is before valid-from' },

  HOTSPOT_NOT_FOUND: { status: 404, message: 'No such hotspot warning' },
  HOTSPOT_CONFLICT: { status: 409, message: 'The warning changed since it was read (another supervisor took a step): read it again' },
  HOTSPOT_STEP_INVALID: { status: 409, message: "The warning's state does not allow this step (send and dismiss from new or sent, handle from sent, reopen from handled or dismissed)" },
  HOTSPOT_UNIT_UNKNOWN: { status: 400, message: 'Sending a warning or making an order from it names a declared handling unit (unitId)' },
  HOTSPOT_NOTE_REQUIRED: { status: 400, message: 'Dismissing a warning says why (note)' },
  HOTSPOT_ORDER_EXISTS: { status: 409, message: 'A proactive order was already made from this warning' },

  TICKET_NOT_FOUND: { status: 404, message: 'No such ticket' },
  TICKET_VERSION_CONFLICT: { status: 409, message: 'The ticket changed since it was read: read it again' },
  TICKET_NOT_YOURS: { status: 403, message: 'Your relation to this ticket does not allow this (see the permission table in the README)' },
  TICKET_CLOSED: { status: 409, message: 'The ticket is closed' },
  TICKET_TRANSITION_INVALID: { status: 409, message: 'The ticket cannot move to this status from its current one' },
  TICKET_TYPE_REQUIRED: { status: 409, message: 'The request type must be filed first' },
  TICKET_CATEGORY_REQUIRED: { status: 409, message: 'The category must be filed first' },
  TICKET_UNIT_REQUIRED: { status: 409, message: 'The ticket must be dispatched to a unit first' },
  TICKET_UNIT_UNKNOWN: { status: 400, message: 'No such handling unit' },
  UNIT_REQUEST_PENDING: { status: 409, message: 'A return or extension request of this order is still waiting for the hotline' },
  UNIT_REQUEST_NONE: { status: 409, message: 'The order has no request waiting for a decision' },
  UNIT_EXTENSION_DAYS_INVALID: { status: 400, message: 'An extension asks for 1 to 20 working days' },
  UNIT_EXTENSION_NO_DEADLINE: { status: 409, message: 'The order has no reply deadline to extend' },
  UNIT_REDISPATCH_UNIT_REQUIRED: { status: 400, message: 'Approving a return names the unit the order goes to now (mainUnit)' },
  UNIT_REDISPATCH_SAME_UNIT: { status: 400, message: 'The order cannot be redispatched to the unit that returned it' },
  UNIT_USER_REQUIRED: { status: 400, message: 'Say which unit (unit=…): only a unit user has its own orders' },
  TICKET_TYPE_UNKNOWN: { status: 400, message: 'No such request type' },
  TICKET_CATEGORY_UNKNOWN: { status: 400, message: 'No such subcategory' },
  TICKET_URGENCY_UNKNOWN: { status: 400, message: 'No such urgency' },
  TICKET_CREDIT_CODE_INVALID: { status: 400, message: 'Not a valid unified social credit code' },
  TICKET_TEXT_TOO_SHORT: { status: 400, message: 'A search of one character needs a time range of at most 31 days' },
  TICKET_CURSOR_INVALID: { status: 400, message: 'This cursor was not handed out by this server' },

  RECORDING_NOT_FOUND: { status: 404, message: 'No such recording' },
  RECORDING_NOT_AVAILABLE: { status: 409, message: 'The recording is not available' },
  RECORDING_RANGE_NOT_SATISFIABLE: { status: 416, message: 'The range asked for starts past the end of the recording' },
  RECORDING_CHECKSUM_MISMATCH: { status: 500, message: 'The file no longer matches its checksum' },

  QA_CALL_NOT_FOUND: { status: 404, message: 'No answered call with this id' },
  QA_FORM_UNKNOWN: { status: 400, message: 'No such scoring form' },
  QA_SCORE_INVALID: { status: 400, message: 'The review does not fit its form' },
  QA_SCORE_UNKNOWN_ITEM: { status: 400, message: 'The form has no such item' },
  QA_SCORE_DUPLICATE_ITEM: { status: 400, message: 'An item is answered twice' },
  QA_SCORE_MISSING_ITEM: { status: 400, message: 'An item needs points' },
  QA_SCORE_INVALID_ANSWER: { status: 400, message: 'An item is answered the wrong way (points or pass/fail)' },
  QA_SCORE_OUT_OF_RANGE: { status: 400, message: 'Points out of the item’s range' },
  QA_SAMPLE_DAY_IN_FUTURE: { status: 400, message: 'The day has not happened yet' },

  // The agent's phone: its SIP credential and the /sip WebSocket (refused before the upgrade with these).
  PHONE_NOT_ASSIGNED: { status: 404, message: 'Your sign-in names no agent of this hotline, so it has no phone' },
  PHONE_NOT_CONFIGURED: { status: 503, message: 'The server does not know the agent phones’ secret (HOTLINE_AGENT_SIP_SECRET)' },
  PHONE_SOCKET_PROTOCOL: { status: 400, message: 'Open the phone socket as a WebSocket with the subprotocol sip' },
  PHONE_SOCKET_ORIGIN: { status: 403, message: 'The phone socket opens only from pages of this server' },
  PHONE_SOCKETS_TOO_MANY: { status: 429, message: 'Too many phone sockets open for this user: close another page first' },
  PHONE_PBX_UNREACHABLE: { status: 502, message: 'Asterisk’s SIP WebSocket did not answer' },
  CITIZEN_PHONE_OFF: { status: 404, message: 'The citizen phone page is there only in demo mode (the embedded Asterisk, HOTLINE_PBX=local)' },

  // Operations: the Prometheus scrape and the cluster's view.
  METRICS_TOKEN_INVALID: { status: 401, message: 'GET /metrics needs Authorization: Bearer <HOTLINE_METRICS_TOKEN>' },
  TEXT_REPORT_TOKEN_INVALID: { status: 401, message: "The delivery-report push needs ?token=<HOTLINE_SMS_REPORT_TOKEN> in the callback URL" },
  CLUSTER_UNAVAILABLE: { status: 503, message: "The cluster's state could not be read from Redis in time; try again" },

  // The audit log.
  AUDIT_CURSOR_INVALID: { status: 400, message: 'This cursor was not handed out by this server' },

  // The analysis page and the analysis report (民情分析报告).
  ANALYSIS_RANGE_INVALID: { status: 400, message: 'The range must run from a day to the same or a later day, 400 days at most' },
  REPORT_START_INVALID: { status: 400, message: 'A weekly report starts on a Monday, a monthly one on the 1st of a month' },
  REPORT_PDF_FAILED: { status: 503, message: 'The report could not be printed to PDF in time; try again' },
  REPORT_PDF_UNAVAILABLE: { status: 503, message: 'No browser is installed to print the report (HOTLINE_CHROMIUM_PATH); print the report page instead' },
} as const satisfies Readonly<Record<string, CatalogueEntry>>;

export type HttpErrorCode = keyof typeof HTTP_ERRORS;

/** Codes a Socket.IO acknowledgement carries besides the ACD's (which are in the table above). */
export const SOCKET_ERROR_CODES = ['SOCKET_MESSAGE_INVALID'] as const;
export type SocketErrorCode = (typeof SOCKET_ERROR_CODES)[number];

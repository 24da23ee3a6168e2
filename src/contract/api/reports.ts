// GET /api/reports/daily: the GB/T indicators per queue for one China day (the report core's own
// shape), with the 24-hour connection rate. Rates are 0..1, null when nothing was offered.
import { Type, type Static } from '@sinclair/typebox';
import type { DailyReport as DomainReport } from '../../domain/reports/daily-report.js';
import type { FollowUpFigures as DomainFollowUp } from '../../domain/reports/follow-up-figures.js';
import type { Assert, SameShape } from './same-shape.js';
import { Day, IsoTime, Nullable } from './schema-parts.js';

export const DailyReportQuery = Type.Object({ day: Type.Optional(Day) }, { additionalProperties: false });

const Count = Type.Integer({ minimum: 0 });
const Rate = Nullable(Type.Number({ minimum: 0, maximum: 1 }));
const Ms = Nullable(Type.Number({ minimum: 0 }));

const dayFigures = {
  offered: Count,
  answered: Count,
  abandoned: Count,
  shortAbandoned: Count,
  callbacks: Count,
  answeredWithinTarget: Count,
  answerRate: Rate,
  serviceLevel: Rate,
  abandonRate: Rate,
  asaMs: Ms,
  ahtMs: Ms,
  longestWaitMs: Ms,
  satisfaction: Type.Object({ rated: Count, satisfied: Count, basicallySatisfied: Count, dissatisfied: Count, rate: Rate }),
};
export const QueueDayReport = Type.Object({ queue: Type.String(), ...dayFigures });
export type QueueDayReport = Static<typeof QueueDayReport>;

export const DailyReport = Type.Object({
  day: Type.String(),
  queues: Type.Array(QueueDayReport, { description: 'Sorted by queue id' }),
  total: Type.Object({ queue: Type.Literal('*'), ...dayFigures, ivrOnly: Type.Integer({ minimum: 0, description: 'Calls that never reached a queue' }),
    consultations: Type.Integer({ minimum: 0, description: 'Calls filed as consultations (咨询)' }),
    consultationsWithArticle: Type.Integer({ minimum: 0, description: 'Consultations answered with a knowledge article recorded (首呼解决依据)' }),
  }),
  hours: Type.Array(Type.Object({ hour: Type.Integer({ minimum: 0, maximum: 23 }), offered: Count, answered: Count, abandoned: Count }), { description: '24 entries, China local hours' }),
});
export type _DailyReportIsTheCores = Assert<SameShape<Static<typeof DailyReport>, DomainReport>>;

const Ratings = Type.Object({ satisfied: Count, 'basically-satisfied': Count, dissatisfied: Count });

/** The work after the call on that day: signs within the target, reminders, automatic return visits. */
export const FollowUpFigures = Type.Object({
  dispatched: Count,
  signedWithinTarget: Count,
  signedWithinTargetRate: Rate,
  messages: Type.Object({ sent: Count, delivered: Count, failed: Count }),
  reminderCalls: Type.Object({ asked: Count, dialed: Count, reached: Count }),
  returnVisits: Type.Object({ due: Count, dialed: Count, reached: Count, rate: Rate, ratings: Ratings, satisfactionRate: Rate }),
});
export type _FollowUpIsTheCores = Assert<SameShape<Static<typeof FollowUpFigures>, DomainFollowUp>>;

export const DailyReportReply = Type.Object({
  report: DailyReport,
  followUp: FollowUpFigures,
  connectionRate24h: Rate,
  window24h: Type.Object({ from: IsoTime, to: IsoTime }),
});
export type DailyReportReply = Static<typeof DailyReportReply>;

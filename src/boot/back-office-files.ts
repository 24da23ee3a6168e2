// The back office's data files, read at start-up through the one data-file loader: users, dispatch
// rules, the units' responsibility lists, QA forms and the working-day calendar, each refused under
// its own start-up code.
import { DataFileError } from '../adapters/files/data-file-error.js';
import { loadDataFile } from '../adapters/files/data-file.js';
import { loadCalendar } from '../adapters/flows/schedule-loader.js';
import type { Config } from '../config.js';
import { parseUsers, usersOfUnknownUnits, type UserEntry } from '../domain/auth/parse-users.js';
import type { WorkingCalendar } from '../domain/calendar/china-calendar.js';
import { parseQaForms, type QaForms } from '../domain/qa/qa-forms.js';
import type { Taxonomy } from '../domain/tickets/categories.js';
import { parseDispatchRules, type DispatchRules } from '../domain/tickets/dispatch-rules.js';
import { parseResponsibilities, type ResponsibilityList } from '../domain/knowledge/responsibility-list.js';
import { StartupError } from './startup-error.js';
import { readStartupFile } from './startup-file.js';

export interface BackOfficeFiles {
  readonly users: ReadonlyMap<string, UserEntry>;
  readonly dispatchRules: DispatchRules;
  /** 职责清单: checked against the dispatch rules' units and the taxonomy. */
  readonly responsibilities: ResponsibilityList;
  readonly qaForms: QaForms;
  readonly calendar: WorkingCalendar;
}

function requireCalendar(calendarDir: string): WorkingCalendar {
  const { calendar, problems } = loadCalendar(calendarDir);
  if (!calendar) throw new DataFileError(problems, `The calendar in ${calendarDir}`);
  return calendar;
}

/** Reads and checks the back office's files; throws StartupError with the code of the first bad one. */
export function loadBackOfficeFiles(config: Config, taxonomy: Taxonomy): BackOfficeFiles {
  const { users, dispatchRules, qaForms, calendarDir } = config.files;
  const userList = readStartupFile('USERS_INVALID', users, () => loadDataFile(users, parseUsers));
  const rules = readStartupFile('DISPATCH_RULES_INVALID', dispatchRules, () => loadDataFile(dispatchRules, (raw) => parseDispatchRules(raw, taxonomy)));
  const strays = usersOfUnknownUnits(userList, rules.unitsById);
  if (strays.length > 0) {
    const named = strays.map((user) => `${user.id} → ${user.unitId ?? ''}`).join(', ');
    throw new StartupError('USERS_UNIT_UNKNOWN', `${users}: unit users name units the dispatch rules (${dispatchRules}) do not declare: ${named}`);
  }
  return {
    users: new Map(userList.map((user) => [user.id, user])),
    dispatchRules: rules,
    responsibilities: readStartupFile('RESPONSIBILITIES_INVALID', config.knowledge.responsibilitiesFile, () =>
      loadDataFile(config.knowledge.responsibilitiesFile, (raw) => parseResponsibilities(raw, rules.unitsById, taxonomy)),
    ),
    qaForms: readStartupFile('QA_FORMS_INVALID', qaForms, () => loadDataFile(qaForms, parseQaForms)),
    calendar: readStartupFile('CALENDAR_INVALID', calendarDir, () => requireCalendar(calendarDir)),
  };
}

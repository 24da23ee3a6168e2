// The permission table as the README shows it: one row per action, one column per role.
import { PERMISSIONS, type Action, type Grant } from '../../src/domain/auth/permissions.js';

const WORDS: Record<string, string> = {
  'took-call': 'they took the call',
  'missed-call': 'it is a missed call nobody took up yet',
  'return-visit-list': 'they work the return-visit list',
  self: 'it is their own state',
  'own-phone': 'it is their own phone (an agent\'s on the desktop, a supervisor\'s on the wallboard)',
  'main-unit': 'they are its main unit',
  'assisting-unit': 'they are an assisting unit of it',
  'own-unit': 'their unit owns the article',
};

function cell(grant: Grant): string {
  if (grant === 'yes') return 'yes';
  if (grant === 'no') return '—';
  return `if ${grant.map((relation) => WORDS[relation] ?? relation).join(', or ')}`;
}

export function permissionMarkdown(): string {
  const rows = (Object.keys(PERMISSIONS) as Action[]).map((action) => {
    const p = PERMISSIONS[action];
    return `| \`${action}\` | ${p.routes.map((route) => `\`${route}\``).join(' · ')} | ${cell(p.agent)} | ${cell(p.supervisor)} | ${cell(p.qa)} | ${cell(p.unit)} | ${cell(p['kb-editor'])} | yes |`;
  });
  return ['| action | routes | agent | supervisor | qa | unit | kb-editor | admin |', '| --- | --- | --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}

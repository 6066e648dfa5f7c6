// apps.json: the zod schema, unique ids, and super-app membership that points at a super-app.
import { AppCatalogFile, type AppInfo } from '../../shared/contract/city.ts';
import { CityProfileError, fromZodError } from './city-profile-error.ts';

export function validateApps(raw: unknown, label: string): AppInfo[] {
  const parsed = AppCatalogFile.safeParse(raw);
  if (!parsed.success) throw fromZodError(label, parsed.error);
  const { apps } = parsed.data;
  const byId = new Map<string, AppInfo>();
  apps.forEach((app, i) => {
    if (byId.has(app.id)) throw new CityProfileError(label, `apps.${i}.id`, `${app.id} appears twice`);
    byId.set(app.id, app);
  });
  apps.forEach((app, i) => {
    if (app.superApp === null) return;
    const field = `apps.${i}.superApp`;
    const parent = byId.get(app.superApp);
    if (app.isSuperApp) throw new CityProfileError(label, field, 'a super-app does not belong to another super-app (use null)');
    if (parent === undefined) throw new CityProfileError(label, field, `"${app.superApp}" is not an app of this catalog`);
    if (!parent.isSuperApp) throw new CityProfileError(label, field, `"${app.superApp}" is not a super-app (its isSuperApp is false)`);
  });
  return apps;
}

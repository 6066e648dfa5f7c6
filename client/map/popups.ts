// Popup contents as DOM nodes. Incident fields (summary, ids) come from outside, so text goes
// in through textContent only, never as markup.
import type { IncidentView } from '../../shared/contract/views.ts';
import type { KecamatanStat } from './choropleth.ts';
import { incidentKecamatan } from './cluster-input.ts';
import { glyphCssUrl } from './glyphs.ts';
import type { MapText } from './labels.ts';
import { priorityStyle } from './priority.ts';
import { incidentTimeline } from './timeline.ts';

export interface PopupContext {
  text: MapText;
  locale: string;
  timeZone: string;
  kecamatanName: (code: string) => string | null;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function row(table: HTMLElement, label: string, value: string): void {
  const tr = el('tr');
  tr.append(el('th', undefined, label), el('td', 'pm-num', value));
  table.append(tr);
}

export function kecamatanPopup(stat: KecamatanStat, ctx: PopupContext): HTMLElement {
  const { text } = ctx;
  const number = new Intl.NumberFormat(ctx.locale);
  const rate = new Intl.NumberFormat(ctx.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const root = el('div', 'pm-popup');
  root.dataset['testid'] = 'kecamatan-popup';
  root.append(el('h3', 'pm-popup-title', stat.name));
  const table = el('table', 'pm-popup-table');
  row(table, text('popup.code'), stat.code);
  row(table, text('popup.open'), number.format(stat.count));
  row(table, text('popup.population'), stat.population === null ? text('legend.noData') : number.format(stat.population));
  row(table, text('popup.per10k'), stat.per10k === null ? text('legend.noData') : rate.format(stat.per10k));
  root.append(table);
  return root;
}

/** A small round badge with the category glyph and the priority digit, as on the map. */
export function incidentBadge(incident: Pick<IncidentView, 'priority' | 'category'>): HTMLElement {
  const style = priorityStyle(incident.priority);
  const badge = el('span', 'pm-badge');
  badge.style.setProperty('--pm-fill', style.fill);
  badge.style.setProperty('--pm-ink', style.ink);
  badge.style.setProperty('--pm-glyph', glyphCssUrl(incident.category, style.ink));
  badge.append(el('span', 'pm-glyph'), el('span', 'pm-digit', style.digit));
  return badge;
}

export function incidentTitle(incident: IncidentView, ctx: PopupContext): string {
  const category = ctx.text(`category.${incident.category ?? 'other'}`);
  const code = incidentKecamatan(incident);
  const place = code === null ? null : (ctx.kecamatanName(code) ?? code);
  return place ? `${category} · ${place}` : category;
}

export function incidentPopup(incident: IncidentView, approx: boolean, ctx: PopupContext): HTMLElement {
  const { text } = ctx;
  const root = el('div', 'pm-popup');
  root.dataset['testid'] = 'incident-popup';
  root.dataset['incidentId'] = incident.incidentId;
  const head = el('div', 'pm-popup-head');
  head.append(incidentBadge(incident), el('h3', 'pm-popup-title', incidentTitle(incident, ctx)));
  root.append(head);
  const meta = [
    `${text('popup.priority')} ${priorityStyle(incident.priority).digit}`,
    text(`status.${incident.status}`),
    incident.incidentId,
  ];
  root.append(el('p', 'pm-popup-meta', meta.join(' · ')));
  if (approx) root.append(el('p', 'pm-popup-note', text('popup.approx')));
  if (incident.outside) root.append(el('p', 'pm-popup-note', text('popup.outside')));
  if (incident.summary) root.append(el('p', 'pm-popup-summary', incident.summary));

  const time = new Intl.DateTimeFormat(ctx.locale, { timeZone: ctx.timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const minutes = new Intl.NumberFormat(ctx.locale, { maximumFractionDigits: 1 });
  const list = el('ol', 'pm-timeline');
  list.dataset['testid'] = 'incident-timeline';
  for (const step of incidentTimeline(incident)) {
    const item = el('li', step.atMs === null ? 'pm-step pm-step-missing' : 'pm-step');
    item.dataset['step'] = step.step;
    item.append(el('span', 'pm-step-name', text(`timeline.${step.step}`)));
    item.append(el('span', 'pm-num pm-step-time', step.atMs === null ? '—' : time.format(step.atMs)));
    const delta = step.minutesSincePrevious === null ? '' : `+${minutes.format(step.minutesSincePrevious)} ${text('popup.minutes')}`;
    item.append(el('span', 'pm-num pm-step-delta', delta));
    list.append(item);
  }
  root.append(list);
  return root;
}

/** The list shown when a cluster cannot be split further (several incidents at one point). */
export function clusterListPopup(
  incidents: readonly IncidentView[],
  total: number,
  ctx: PopupContext,
  onPick: (incidentId: string) => void,
): HTMLElement {
  const root = el('div', 'pm-popup');
  root.dataset['testid'] = 'cluster-popup';
  root.append(el('h3', 'pm-popup-title', `${new Intl.NumberFormat(ctx.locale).format(total)} ${ctx.text('cluster.incidents')}`));
  const list = el('ul', 'pm-cluster-list');
  for (const incident of incidents) {
    const button = el('button', 'pm-cluster-item');
    button.type = 'button';
    button.dataset['incidentId'] = incident.incidentId;
    button.append(incidentBadge(incident), el('span', undefined, incidentTitle(incident, ctx)));
    button.addEventListener('click', () => onPick(incident.incidentId));
    const li = el('li');
    li.append(button);
    list.append(li);
  }
  root.append(list);
  if (total > incidents.length) root.append(el('p', 'pm-popup-note', ctx.text('cluster.more', { n: total - incidents.length })));
  return root;
}

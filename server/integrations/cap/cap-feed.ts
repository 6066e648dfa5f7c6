// The Atom 1.0 feed of CAP messages (GET /api/v1/alerts.cap): one entry per alert, its current
// CAP message inline as the entry's content, and a link to the message on its own. Pure.
import { xmlEscape } from './cap-message.ts';

export interface FeedEntry {
  identifier: string;
  title: string;
  sent: string;
  href: string;
  /** The <alert> element. */
  xml: string;
}

export function atomFeed(feed: { id: string; title: string; author: string; selfHref: string; updated: string }, entries: readonly FeedEntry[]): string {
  const items = entries.map((e) => [
    '<entry>',
    `<id>${xmlEscape(e.identifier)}</id>`,
    `<title>${xmlEscape(e.title)}</title>`,
    `<updated>${xmlEscape(e.sent)}</updated>`,
    `<link rel="alternate" type="application/cap+xml" href="${xmlEscape(e.href)}"/>`,
    `<content type="application/cap+xml">${e.xml}</content>`,
    '</entry>',
  ].join(''));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<id>${xmlEscape(feed.id)}</id>`,
    `<title>${xmlEscape(feed.title)}</title>`,
    `<updated>${xmlEscape(feed.updated)}</updated>`,
    `<author><name>${xmlEscape(feed.author)}</name></author>`,
    `<link rel="self" type="application/atom+xml" href="${xmlEscape(feed.selfHref)}"/>`,
    ...items,
    '</feed>',
    '',
  ].join('\n');
}

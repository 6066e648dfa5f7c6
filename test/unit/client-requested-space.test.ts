import { describe, expect, it } from 'vitest';
import { apiPathFor, requestedSpace, withSpace } from '../../client/api/requested-space.ts';

describe('the requested space', () => {
  it('is read from ?space=, and only a known space counts', () => {
    expect(requestedSpace('?space=demo&lang=id')).toBe('demo');
    expect(requestedSpace('?space=live')).toBe('live');
    expect(requestedSpace('?space=other')).toBeUndefined();
    expect(requestedSpace('')).toBeUndefined();
  });
  it('switching keeps the rest of the address; live drops the parameter', () => {
    expect(withSpace('http://h:8080/executive?lang=en#kpis', 'demo')).toBe('/executive?lang=en&space=demo#kpis');
    expect(withSpace('http://h:8080/wall?space=demo&pages=map,apps', 'live')).toBe('/wall?pages=map%2Capps');
  });
  it('API reads ask for the demo space when the page did, and never twice', () => {
    expect(apiPathFor('/kpis?from=x', 'demo')).toBe('/kpis?from=x&space=demo');
    expect(apiPathFor('/snapshot', 'demo')).toBe('/snapshot?space=demo');
    expect(apiPathFor('/snapshot?space=live', 'demo')).toBe('/snapshot?space=live');
    expect(apiPathFor('/kpis', 'live')).toBe('/kpis');
    expect(apiPathFor('/kpis', undefined)).toBe('/kpis');
  });
});

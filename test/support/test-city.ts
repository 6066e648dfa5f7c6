// The city the end-to-end suite runs against: `PANTAU_TEST_CITY` (a bundled profile's name or a
// profile folder), Kota Tangerang by default. scripts/test.sh runs the e2e project once per
// bundled city. Only the name lives here (browser.ts and the bench import it); the loaded
// profile, with the names, codes and points tests need, is in test-city-data.ts.

export const DEFAULT_TEST_CITY = 'kota-tangerang';

/** The profile startApp serves unless a test sets PANTAU_CITY itself. */
export const TEST_CITY: string = process.env.PANTAU_TEST_CITY || DEFAULT_TEST_CITY;

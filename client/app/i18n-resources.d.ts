// Types every t('key') against the Indonesian catalogue, so a missing key fails the typecheck.
import 'i18next';
import type id from './locales/id.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof id };
  }
}

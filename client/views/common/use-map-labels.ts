// The map's words in the current language. client/map keeps its own Indonesian defaults; the
// catalogue supplies both languages, reusing the category and status words the views show.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../components/use-lang.ts';
import { DEFAULT_MAP_LABELS } from '../../map/labels.ts';

function catalogueKey(mapKey: string): string {
  const [head] = mapKey.split('.');
  if (head === 'category' || head === 'status') return mapKey;
  if (head === 'timeline') return mapKey.replace(/^timeline\./, 'status.');
  return `map.${mapKey}`;
}

export function useMapLabels(): Record<string, string> {
  const { i18n } = useTranslation();
  const lang = useLang();
  return useMemo(() => {
    const out: Record<string, string> = {};
    for (const key of Object.keys(DEFAULT_MAP_LABELS)) {
      const value: unknown = i18n.getResource(lang, 'translation', catalogueKey(key));
      if (typeof value === 'string') out[key] = value;
    }
    return out;
  }, [i18n, lang]);
}

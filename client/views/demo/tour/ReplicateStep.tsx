// "Replicate it for your city": everything city-specific is one profile folder, generated from
// a BPS code and a boundaries file, then the same demo command runs it.
import { useTranslation } from 'react-i18next';
import { useCity } from '../../../api/use-city.ts';
import { formatCount } from '../../../components/format.ts';
import { useLang } from '../../../components/use-lang.ts';

/** The commands of the README's "City profiles" section, word for word. */
export const GENERATE_COMMAND = 'npm run generate:city -- --bps 32.73 --boundaries kecamatan.geojson --out cities/kota-bandung';
export const RUN_COMMAND = 'PANTAU_CITY=./cities/kota-bandung bash scripts/demo.sh';

export function ReplicateStep() {
  const { t } = useTranslation();
  const lang = useLang();
  const { city } = useCity();
  return (
    <>
      <p>{t('tour.replicate.body')}</p>
      {city ? (
        <p className="tour-facts">
          {t('tour.replicate.profile', {
            city: city.name,
            bps: city.bpsCode,
            kecamatan: formatCount(city.kecamatan.length, lang),
            apps: formatCount(city.apps.length, lang),
            zone: city.timezoneLabel,
          })}
        </p>
      ) : null}
      <p>{t('tour.replicate.generate')}</p>
      <pre className="tour-code" data-testid="tour-command">
        <code>{GENERATE_COMMAND}</code>
        {'\n'}
        <code>{RUN_COMMAND}</code>
      </pre>
      <p className="tour-hint">{t('tour.replicate.free')}</p>
    </>
  );
}

// The incident map fed from the live store and the city profile. client/map draws it.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCity } from '../../api/use-city.ts';
import { localeTag } from '../../components/format.ts';
import { useLang } from '../../components/use-lang.ts';
import { latestIncidents } from '../../live/selectors.ts';
import { useLive } from '../../live/store.ts';
import { IncidentMap } from '../../map/IncidentMap.tsx';
import { useMapLabels } from './use-map-labels.ts';

export function MapPanel({ mode }: { mode: 'wall' | 'desk' }) {
  const { t } = useTranslation();
  const lang = useLang();
  const labels = useMapLabels();
  const { city, boundaries } = useCity();
  const open = useLive((s) => s.data.incidents);
  const incidents = useMemo(() => latestIncidents(open), [open]);
  return (
    <div className="map-panel" data-testid="map-panel">
      {city ? (
        <IncidentMap
          incidents={incidents}
          boundaries={boundaries}
          kecamatan={city.kecamatan}
          center={city.map.center}
          zoom={city.map.zoom}
          mode={mode}
          labels={labels}
          locale={localeTag(lang)}
          timeZone={city.timezone}
          {...(city.map.tileUrl ? { tileUrl: city.map.tileUrl } : {})}
          {...(city.map.tileAttribution ? { tileAttribution: city.map.tileAttribution } : {})}
        />
      ) : (
        <div className="map-placeholder">{t('app.loading')}</div>
      )}
    </div>
  );
}

// The attribute-value size limit of the settings (attributeValueLimitKiB), kept current: lists and
// the event list cut longer values with cutAttributeText; a span's details show them whole.
import { useEffect, useState } from 'react';
import type { SpanlightApi } from '../../app/contract';
import { DEFAULT_ATTRIBUTE_VALUE_LIMIT_KIB } from '../../app/model/attribute-limit';

export function useAttributeValueLimit(api: SpanlightApi): number {
  const [limit, setLimit] = useState(DEFAULT_ATTRIBUTE_VALUE_LIMIT_KIB);
  useEffect(() => {
    let live = true;
    const unsubscribe = api.subscribe((event) => {
      if (live && event.name === 'settingsChanged')
        setLimit(event.payload.settings.attributeValueLimitKiB);
    });
    api.getSettings({}).then(
      (state) => live && setLimit(state.settings.attributeValueLimitKiB),
      () => undefined, // The settings notices report an unreachable core; keep the default.
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, [api]);
  return limit;
}

// The attribute-value size limit of the settings (attributeValueLimitKiB), kept current by the
// client store's settings: lists and the event list cut longer values with cutAttributeText; a
// span's details show them whole.
import { DEFAULT_ATTRIBUTE_VALUE_LIMIT_KIB } from '../../app/model/attribute-limit';
import { useClientState } from '../store/use-client-store';

export function useAttributeValueLimit(): number {
  // Until the settings answer, and when the core cannot be reached (the settings notices say why),
  // the default applies.
  const settings = useClientState((state) => state.settings).value;
  return settings?.settings.attributeValueLimitKiB ?? DEFAULT_ATTRIBUTE_VALUE_LIMIT_KIB;
}

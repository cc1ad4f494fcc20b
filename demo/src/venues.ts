/** Names of the venue categories (PG1 §8 defaults and the demo's extras); others show as they are. */
import type { Bilingual } from './i18n.js';

export const VENUE_NAMES: Readonly<Record<string, Bilingual>> = {
  general: { zh: '一般场所', en: 'General venue' },
  taxi: { zh: '出租车/网约车', en: 'Taxi / ride-hailing' },
  transit: { zh: '公共交通', en: 'Public transit' },
  school: { zh: '学校', en: 'School' },
  elder_care: { zh: '养老机构', en: 'Elderly-care home' },
  welfare: { zh: '福利院', en: 'Welfare home' },
  mental_health: { zh: '精神卫生机构', en: 'Mental-health institution' },
  detention: { zh: '监管场所', en: 'Detention facility' },
  wholesale_market: { zh: '批发市场', en: 'Wholesale market' },
  farmers_market: { zh: '农贸市场', en: 'Farmers’ market' },
  supermarket: { zh: '超市', en: 'Supermarket' },
  library: { zh: '图书馆', en: 'Library' },
  museum: { zh: '博物馆', en: 'Museum' },
  gallery: { zh: '美术馆', en: 'Gallery' },
  exhibition: { zh: '展览馆', en: 'Exhibition hall' },
  cinema: { zh: '电影院', en: 'Cinema' },
  arcade: { zh: '游艺厅', en: 'Game hall' },
  concert: { zh: '大型演出', en: 'Concert / large event' },
  airport: { zh: '机场', en: 'Airport' },
};

export function venueName(category: string): Bilingual {
  return VENUE_NAMES[category] ?? { zh: category, en: category };
}

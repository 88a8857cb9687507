// Demo menu: noodles and rice.
import { extras, optionGroup, portion, spiceLevel, t, type DemoDish } from './demo-types.js'

const CHILLI_OIL = '#b5301b'
const NOODLE = '#f1dc9c'

export const NOODLES_AND_RICE: DemoDish[] = [
  {
    id: 'dish_dan_dan_noodles',
    categoryId: 'cat_noodles_rice',
    names: t('Dan Dan Noodles', '担担面'),
    descriptions: t(
      'Springy wheat noodles under crispy minced pork, preserved mustard greens, sesame paste and numbing chilli oil. Toss before eating.',
      '劲道面条配酥香肉臊、芽菜、芝麻酱和麻辣红油，拌匀再吃。',
    ),
    price: 2800,
    tags: ['spicy', 'signature'],
    allergens: ['gluten', 'peanut', 'sesame', 'soy'],
    art: {
      vessel: 'bowl',
      layers: [
        { kind: 'pool', color: CHILLI_OIL, oil: '#e4602c' },
        { kind: 'noodles', color: NOODLE, count: 24, spread: 0.7 },
        { kind: 'pieces', piece: 'mince', count: 14, size: 6, spread: 0.32 },
        { kind: 'pieces', piece: 'bokchoy', count: 2, size: 26, spread: 0.5, at: [0.1, 0.15] },
        { kind: 'pieces', piece: 'peanut', count: 8, size: 4.5, spread: 0.35 },
        { kind: 'pieces', piece: 'scallion', count: 10, size: 4, spread: 0.45 },
      ],
    },
    optionGroups: [
      spiceLevel('dan_dan_noodles'),
      // Up to two: the bowl is small and a third topping would bury the noodles.
      extras('dan_dan_noodles', 2, [
        ['egg', 'Marinated egg', '卤蛋', 300],
        ['pork', 'Extra minced pork', '加肉臊', 600],
        ['greens', 'Extra greens', '加青菜', 300],
      ]),
    ],
  },
  {
    id: 'dish_beef_noodle_soup',
    categoryId: 'cat_noodles_rice',
    names: t('Braised Beef Noodle Soup', '红烧牛肉面'),
    descriptions: t(
      'Beef shank braised for four hours with star anise and doubanjiang, in its rich broth with noodles, bok choy and pickled greens.',
      '牛腱配八角和豆瓣酱慢炖四小时，浓郁原汤配面条、上海青和酸菜。',
    ),
    price: 4200,
    tags: ['signature'],
    allergens: ['gluten', 'soy'],
    art: {
      vessel: 'bowl',
      china: 'blue-rim',
      layers: [
        { kind: 'pool', color: '#9b4a22', oil: '#d77a35' },
        { kind: 'noodles', color: NOODLE, count: 18, spread: 0.6 },
        { kind: 'pieces', piece: 'chunk', count: 6, size: 18, colors: ['#6d3218'], spread: 0.45, at: [-0.15, 0.05] },
        { kind: 'pieces', piece: 'bokchoy', count: 3, size: 26, spread: 0.5, at: [0.2, -0.1] },
        { kind: 'pieces', piece: 'coriander', count: 4, size: 7, spread: 0.55 },
        { kind: 'pieces', piece: 'star-anise', count: 1, size: 10, at: [0.45, 0.4], arrange: 'center' },
      ],
    },
    optionGroups: [
      optionGroup('beef_noodle_soup', 'noodle', t('Noodles', '面条'), 1, 1, [
        ['thin', 'Thin', '细面'],
        ['wide', 'Wide', '宽面'],
        ['hand_pulled', 'Hand-pulled', '手工拉面', 300],
      ]),
      extras('beef_noodle_soup', 2, [
        ['beef', 'Extra beef', '加牛肉', 1200],
        ['egg', 'Marinated egg', '卤蛋', 300],
      ]),
    ],
  },
  {
    id: 'dish_yangzhou_fried_rice',
    categoryId: 'cat_noodles_rice',
    names: t('Yangzhou Fried Rice', '扬州炒饭'),
    descriptions: t(
      'Wok-fried rice with egg, shrimp, char siu, peas and carrot: every grain separate, fragrant with wok hei.',
      '蛋、虾仁、叉烧、青豆和胡萝卜同炒，粒粒分明，满满锅气。',
    ),
    price: 3200,
    tags: [],
    allergens: ['egg', 'shellfish', 'soy'],
    art: {
      vessel: 'plate',
      layers: [
        { kind: 'rice', color: '#f3dc8a', spread: 0.8, bits: ['#69ad3b', '#ee8a2b', '#f8d24a', '#c3402f'] },
        { kind: 'pieces', piece: 'shrimp', count: 5, size: 11, spread: 0.55 },
        { kind: 'pieces', piece: 'scallion', count: 10, size: 4, spread: 0.65 },
      ],
    },
    optionGroups: [portion('yangzhou_fried_rice', 1000)],
  },
  {
    id: 'dish_zhajiang_noodles',
    categoryId: 'cat_noodles_rice',
    names: t('Old Beijing Zhajiang Noodles', '老北京炸酱面'),
    descriptions: t(
      'Hand-cut noodles with a rich fried soybean and pork sauce, topped with cucumber, radish and bean sprouts.',
      '手擀面配黄酱肉丁炸酱，码上黄瓜丝、心里美萝卜和豆芽。',
    ),
    price: 2600,
    tags: [],
    allergens: ['gluten', 'soy'],
    art: {
      vessel: 'bowl',
      china: 'cream',
      layers: [
        { kind: 'noodles', color: '#f0d9a0', count: 30, width: 7, spread: 0.85 },
        { kind: 'sauce', color: '#4e2a14', size: 0.32 },
        { kind: 'pieces', piece: 'strip', count: 10, size: 10, colors: ['#6bb548', '#d8efb8'], spread: 0.3, at: [0.45, -0.3] },
        { kind: 'pieces', piece: 'strip', count: 7, size: 10, colors: ['#c9396a', '#f2b7cb'], spread: 0.25, at: [-0.45, -0.3] },
        { kind: 'pieces', piece: 'strip', count: 8, size: 9, colors: ['#f3efd9', '#ffffff'], spread: 0.25, at: [0, 0.5] },
      ],
    },
  },
  {
    id: 'dish_scallion_oil_noodles',
    categoryId: 'cat_noodles_rice',
    names: t('Shanghai Scallion Oil Noodles', '葱油拌面'),
    descriptions: t(
      'Thin noodles tossed in spring onion oil slowly fried until dark and sweet, with soy and sugar. Simple and addictive.',
      '细面拌上慢火熬至焦香的葱油、酱油和糖，简单却让人停不下来。',
    ),
    price: 1800,
    tags: ['vegan'],
    allergens: ['gluten', 'soy'],
    art: {
      vessel: 'bowl',
      china: 'white',
      layers: [
        { kind: 'pool', color: '#6a3a18', fill: 0.8 },
        { kind: 'noodles', color: '#c98f4c', count: 30, width: 5, spread: 0.72 },
        { kind: 'pieces', piece: 'shred', count: 18, size: 8, colors: ['#3a2412'], spread: 0.45 },
        { kind: 'pieces', piece: 'scallion', count: 12, size: 4, spread: 0.5 },
      ],
    },
    optionGroups: [extras('scallion_oil_noodles', 1, [['egg', 'Fried egg', '加煎蛋', 300]])],
  },
  {
    id: 'dish_claypot_rice',
    categoryId: 'cat_noodles_rice',
    names: t('Claypot Rice with Cantonese Sausage', '腊味煲仔饭'),
    descriptions: t(
      'Rice cooked in a clay pot over charcoal with Cantonese sausage and cured pork, finished with sweet soy. Scrape up the crispy crust.',
      '砂锅炭火煲饭，铺满广式腊肠和腊肉，淋甜豉油。记得刮底下的锅巴。',
    ),
    price: 4800,
    tags: ['signature'],
    allergens: ['soy', 'gluten'],
    art: {
      vessel: 'claypot',
      layers: [
        { kind: 'rice', color: '#f6efdc', spread: 0.92 },
        { kind: 'pieces', piece: 'sausage', count: 9, size: 14, spread: 0.45, at: [-0.15, -0.1], arrange: 'pile' },
        { kind: 'pieces', piece: 'bokchoy', count: 2, size: 28, spread: 0.4, at: [0.35, 0.35] },
        { kind: 'pieces', piece: 'fried-egg', count: 1, size: 24, at: [0.35, -0.35], arrange: 'center' },
      ],
    },
    optionGroups: [extras('claypot_rice', 1, [['egg', 'Extra fried egg', '再加煎蛋', 400]])],
  },
  {
    id: 'dish_steamed_rice',
    categoryId: 'cat_noodles_rice',
    names: t('Steamed Jasmine Rice', '香米饭'),
    descriptions: t('A bowl of fragrant Thai jasmine rice.', '一碗泰国香米饭。'),
    price: 300,
    tags: ['vegan'],
    allergens: [],
    art: { vessel: 'bowl', china: 'blue-rim', side: 'chopsticks', layers: [{ kind: 'rice', spread: 0.95 }] },
  },
]

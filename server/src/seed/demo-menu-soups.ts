// Demo menu: soups and vegetables.
import { extras, optionGroup, portion, spiceLevel, t, type DemoDish } from './demo-types.js'

export const SOUPS: DemoDish[] = [
  {
    id: 'dish_hot_sour_soup',
    categoryId: 'cat_soups',
    names: t('Hot and Sour Soup', '酸辣汤'),
    descriptions: t(
      'A thick, peppery soup of tofu, wood ear, bamboo shoot and egg ribbons, sharpened with black vinegar.',
      '豆腐、木耳、笋丝和蛋花勾芡成汤，胡椒的辣配上香醋的酸。',
    ),
    price: 2200,
    tags: ['spicy', 'vegetarian'],
    allergens: ['egg', 'soy', 'gluten'],
    art: {
      vessel: 'bowl',
      layers: [
        { kind: 'pool', color: '#8a4a1e' },
        { kind: 'pieces', piece: 'egg-ribbon', count: 8, size: 12, spread: 0.6 },
        { kind: 'pieces', piece: 'strip', count: 10, size: 8, colors: ['#f3e9cf'], spread: 0.6 },
        { kind: 'pieces', piece: 'strip', count: 8, size: 7, colors: ['#2a1a14', '#5a4038'], spread: 0.6 },
        { kind: 'pieces', piece: 'coriander', count: 4, size: 7, spread: 0.4 },
      ],
    },
    optionGroups: [portion('hot_sour_soup', 1400)],
  },
  {
    id: 'dish_tomato_egg_soup',
    categoryId: 'cat_soups',
    names: t('Tomato and Egg Drop Soup', '番茄蛋花汤'),
    descriptions: t(
      'Home-style soup of ripe tomatoes and silky egg ribbons, finished with spring onion.',
      '熟透的番茄煮出酸甜汤底，打入丝滑蛋花，撒葱花，家的味道。',
    ),
    price: 1800,
    tags: ['vegetarian'],
    allergens: ['egg'],
    art: {
      vessel: 'bowl',
      china: 'white',
      layers: [
        { kind: 'pool', color: '#e0643a' },
        { kind: 'pieces', piece: 'tomato', count: 6, size: 15, spread: 0.6 },
        { kind: 'pieces', piece: 'egg-ribbon', count: 9, size: 13, spread: 0.6 },
        { kind: 'pieces', piece: 'scallion', count: 12, size: 4, spread: 0.6 },
      ],
    },
  },
  {
    id: 'dish_corn_pork_rib_soup',
    categoryId: 'cat_soups',
    names: t('Pork Rib and Sweet Corn Soup', '玉米排骨汤'),
    descriptions: t(
      'A clear Cantonese soup simmered for hours with pork ribs, sweet corn and carrot.',
      '排骨、甜玉米和胡萝卜慢火老火靓汤，清甜滋润。',
    ),
    price: 3800,
    tags: [],
    allergens: [],
    art: {
      vessel: 'bowl',
      china: 'celadon',
      layers: [
        { kind: 'pool', color: '#e8cf8e', oil: '#f6e2a8' },
        { kind: 'pieces', piece: 'corn', count: 3, size: 20, spread: 0.5 },
        { kind: 'pieces', piece: 'rib', count: 4, size: 18, spread: 0.55 },
        { kind: 'pieces', piece: 'cube', count: 5, size: 7, colors: ['#ee8a2b'], spread: 0.6 },
        { kind: 'pieces', piece: 'coriander', count: 3, size: 7, spread: 0.4 },
      ],
    },
  },
  {
    id: 'dish_shrimp_wonton_soup',
    categoryId: 'cat_soups',
    names: t('Shrimp Wonton Soup', '鲜虾云吞汤'),
    descriptions: t(
      'Plump shrimp wontons in a clear broth of dried flounder and pork bones, with yellow chives.',
      '饱满鲜虾云吞，大地鱼猪骨清汤，配韭黄。',
    ),
    price: 2800,
    tags: [],
    allergens: ['shellfish', 'gluten', 'egg', 'fish'],
    art: {
      vessel: 'bowl',
      china: 'blue-rim',
      layers: [
        { kind: 'pool', color: '#ead7a4' },
        { kind: 'pieces', piece: 'wonton', count: 7, size: 20, colors: ['#f6ecd9', '#f29a83'], spread: 0.55 },
        { kind: 'pieces', piece: 'shred', count: 10, size: 9, colors: ['#e8d266'], spread: 0.6 },
        { kind: 'pieces', piece: 'scallion', count: 8, size: 4, spread: 0.6 },
      ],
    },
    optionGroups: [extras('shrimp_wonton_soup', 1, [['noodles', 'Add egg noodles', '加全蛋面', 500]])],
  },
]

export const VEGETABLES: DemoDish[] = [
  {
    id: 'dish_garlic_bok_choy',
    categoryId: 'cat_vegetables',
    names: t('Bok Choy with Garlic', '蒜蓉上海青'),
    descriptions: t(
      'Baby bok choy stir-fried over high heat with plenty of golden garlic.',
      '上海青大火快炒，蒜蓉金黄喷香，翠绿爽脆。',
    ),
    price: 2200,
    tags: ['vegan'],
    allergens: [],
    art: {
      vessel: 'plate',
      layers: [
        { kind: 'pieces', piece: 'bokchoy', count: 8, size: 34, spread: 0.3, arrange: 'radial' },
        { kind: 'pieces', piece: 'dot', count: 24, size: 3, colors: ['#f0d99a'], spread: 0.6 },
      ],
    },
  },
  {
    id: 'dish_dry_fried_green_beans',
    categoryId: 'cat_vegetables',
    names: t('Dry-Fried Green Beans', '干煸四季豆'),
    descriptions: t(
      'Green beans fried until blistered and wrinkled, then tossed with minced pork, preserved vegetable and chillies.',
      '四季豆煸至起皱焦香，再与肉末、芽菜和干辣椒同炒。',
    ),
    price: 2600,
    tags: ['spicy'],
    allergens: ['soy'],
    art: {
      vessel: 'plate',
      china: 'black',
      layers: [
        { kind: 'pieces', piece: 'strip', count: 22, size: 22, colors: ['#4e8f34', '#8cc45e'], spread: 0.55, arrange: 'pile' },
        { kind: 'pieces', piece: 'mince', count: 12, size: 5, spread: 0.6 },
        { kind: 'pieces', piece: 'dried-chilli', count: 6, size: 9, spread: 0.6 },
      ],
    },
    optionGroups: [
      spiceLevel('dry_fried_green_beans'),
      optionGroup('dry_fried_green_beans', 'style', t('Made with', '做法'), 1, 1, [
        ['pork', 'Minced pork', '肉末'],
        ['vegan', 'Without meat (vegan)', '素炒'],
      ]),
    ],
  },
  {
    id: 'dish_yuxiang_eggplant',
    categoryId: 'cat_vegetables',
    names: t('Fish-Fragrant Eggplant', '鱼香茄子'),
    descriptions: t(
      'Silky eggplant in the classic Sichuan "fish-fragrant" sauce of pickled chilli, garlic, ginger and vinegar. No fish in it.',
      '软糯茄子配泡椒、姜蒜、香醋调成的经典鱼香汁（不含鱼）。',
    ),
    price: 2800,
    tags: ['spicy', 'vegan'],
    allergens: ['soy', 'gluten'],
    art: {
      vessel: 'plate',
      china: 'cream',
      layers: [
        { kind: 'sauce', color: '#b3411f', size: 0.8 },
        { kind: 'pieces', piece: 'strip', count: 14, size: 20, colors: ['#5b2a4a', '#9a6a88'], spread: 0.58, arrange: 'pile' },
        { kind: 'pieces', piece: 'scallion', count: 14, size: 4, spread: 0.6 },
        { kind: 'pieces', piece: 'dot', count: 10, size: 2.6, colors: ['#f0d99a'], spread: 0.6 },
      ],
    },
  },
  {
    id: 'dish_tomato_scrambled_eggs',
    categoryId: 'cat_vegetables',
    names: t('Stir-Fried Tomato and Egg', '番茄炒蛋'),
    descriptions: t(
      'Fluffy scrambled eggs and juicy tomatoes in their own sweet-sour sauce, the dish every Chinese family cooks.',
      '蓬松炒蛋配多汁番茄，酸甜汤汁拌饭一绝，家家都会做的国民菜。',
    ),
    price: 2200,
    tags: ['vegetarian'],
    allergens: ['egg'],
    art: {
      vessel: 'plate',
      layers: [
        { kind: 'sauce', color: '#e25a2e', size: 0.75 },
        { kind: 'pieces', piece: 'egg-scramble', count: 8, size: 24, spread: 0.5, arrange: 'pile' },
        { kind: 'pieces', piece: 'tomato', count: 7, size: 17, spread: 0.55 },
        { kind: 'pieces', piece: 'scallion', count: 8, size: 4, spread: 0.5 },
      ],
    },
  },
]

// Demo menu: cold dishes and dim sum.
import { extras, optionGroup, spiceLevel, t, type DemoDish } from './demo-types.js'

const CHILLI_OIL = '#b5301b'

export const COLD_DISHES: DemoDish[] = [
  {
    id: 'dish_smashed_cucumber',
    categoryId: 'cat_cold',
    names: t('Smashed Cucumber with Garlic', '蒜泥拍黄瓜'),
    descriptions: t(
      'Crisp cucumber cracked with the flat of the cleaver, dressed with black vinegar, raw garlic and a spoon of chilli oil.',
      '刀背拍裂的脆黄瓜，淋香醋、蒜泥和一勺红油，清爽开胃。',
    ),
    price: 1800,
    tags: ['vegan'],
    allergens: ['soy', 'sesame'],
    art: {
      vessel: 'plate',
      layers: [
        { kind: 'sauce', color: '#7a3b1c', size: 0.7 },
        { kind: 'pieces', piece: 'cucumber', count: 13, size: 20, spread: 0.62, arrange: 'pile' },
        { kind: 'pieces', piece: 'dot', count: 14, size: 3, colors: ['#f4ecd0'], spread: 0.6 },
        { kind: 'pieces', piece: 'shred', count: 8, size: 5, colors: ['#d7261e'], spread: 0.55 },
        { kind: 'pieces', piece: 'coriander', count: 3, size: 7, spread: 0.4 },
      ],
    },
    optionGroups: [spiceLevel('smashed_cucumber')],
  },
  {
    id: 'dish_mouthwatering_chicken',
    categoryId: 'cat_cold',
    names: t('Mouth-Watering Chicken', '口水鸡'),
    descriptions: t(
      'Poached chicken, chilled and sliced, in a pool of Sichuan chilli oil with peppercorns, crushed peanuts and sesame.',
      '白切鸡冰镇后斩件，浸在麻辣红油里，撒花生碎和芝麻，麻辣鲜香。',
    ),
    price: 3800,
    tags: ['spicy', 'signature'],
    allergens: ['peanut', 'sesame', 'soy'],
    art: {
      vessel: 'plate',
      china: 'white',
      layers: [
        { kind: 'sauce', color: CHILLI_OIL, size: 0.92 },
        { kind: 'pieces', piece: 'slice', count: 9, size: 30, colors: ['#f4e1c2', '#e7c9a1'], spread: 0.6, arrange: 'fan' },
        { kind: 'pieces', piece: 'peanut', count: 12, size: 5, spread: 0.7 },
        { kind: 'pieces', piece: 'sesame', count: 30, size: 1.8, spread: 0.7 },
        { kind: 'pieces', piece: 'scallion', count: 10, size: 4, spread: 0.6 },
      ],
    },
    optionGroups: [spiceLevel('mouthwatering_chicken', 'mild')],
  },
  {
    id: 'dish_century_egg_tofu',
    categoryId: 'cat_cold',
    names: t('Silken Tofu with Century Egg', '皮蛋豆腐'),
    descriptions: t(
      'Chilled silken tofu under wedges of century egg, light soy, sesame oil and spring onion.',
      '冰镇嫩豆腐配皮蛋，淋生抽与香油，撒葱花，入口即化。',
    ),
    price: 2200,
    tags: ['vegetarian'],
    allergens: ['egg', 'soy', 'sesame'],
    art: {
      vessel: 'plate',
      china: 'celadon',
      layers: [
        { kind: 'sauce', color: '#8a5226', size: 0.7 },
        { kind: 'pieces', piece: 'cube', count: 1, size: 50, colors: ['#f7f1e1'], arrange: 'center' },
        { kind: 'pieces', piece: 'century-egg', count: 6, size: 22, spread: 0.12, arrange: 'radial' },
        { kind: 'pieces', piece: 'scallion', count: 12, size: 4, spread: 0.6 },
      ],
    },
  },
  {
    id: 'dish_husband_wife_beef',
    categoryId: 'cat_cold',
    names: t('Fuqi Feipian Beef Slices', '夫妻肺片'),
    descriptions: t(
      'Thin slices of braised beef shank and tripe tossed in numbing chilli oil with celery, coriander and toasted peanuts.',
      '卤牛腱与牛肚切薄片，拌麻辣红油、芹菜、香菜和炒花生，成都名菜。',
    ),
    price: 4200,
    tags: ['very-spicy'],
    allergens: ['peanut', 'sesame', 'soy'],
    art: {
      vessel: 'plate',
      china: 'black',
      layers: [
        { kind: 'sauce', color: CHILLI_OIL, size: 0.85 },
        { kind: 'pieces', piece: 'slice', count: 11, size: 26, colors: ['#8c4a2f', '#6e3522'], spread: 0.55, arrange: 'pile' },
        { kind: 'pieces', piece: 'peanut', count: 10, size: 5, spread: 0.6 },
        { kind: 'pieces', piece: 'coriander', count: 5, size: 7, spread: 0.5 },
        { kind: 'pieces', piece: 'peppercorn', count: 16, size: 2.2, spread: 0.7 },
      ],
    },
  },
  {
    id: 'dish_wood_ear_salad',
    categoryId: 'cat_cold',
    names: t('Wood Ear Mushrooms in Aged Vinegar', '老醋木耳'),
    descriptions: t(
      'Crunchy black fungus in Shanxi aged vinegar with red chilli, garlic and coriander.',
      '爽脆黑木耳拌山西老陈醋、小米辣、蒜末和香菜，酸香爽口。',
    ),
    price: 1800,
    tags: ['vegan'],
    allergens: ['soy'],
    art: {
      vessel: 'plate',
      layers: [
        { kind: 'sauce', color: '#4a2412', size: 0.72 },
        { kind: 'pieces', piece: 'wood-ear', count: 14, size: 20, spread: 0.6, arrange: 'pile' },
        { kind: 'pieces', piece: 'scallion', count: 8, size: 4, colors: ['#d7261e'], spread: 0.55 },
        { kind: 'pieces', piece: 'coriander', count: 4, size: 7, spread: 0.45 },
      ],
    },
  },
]

export const DIM_SUM: DemoDish[] = [
  {
    id: 'dish_har_gow',
    categoryId: 'cat_dim_sum',
    names: t('Har Gow Shrimp Dumplings (4)', '水晶虾饺（4只）'),
    descriptions: t(
      'Whole shrimp and bamboo shoot in a translucent, hand-pleated wheat-starch wrapper, steamed to order.',
      '澄面手工捏褶，包入整只鲜虾和笋丁，现点现蒸，皮薄透亮。',
    ),
    price: 3200,
    tags: ['signature'],
    allergens: ['shellfish', 'gluten'],
    art: { vessel: 'steamer', layers: [{ kind: 'pieces', piece: 'hargow', count: 4, size: 40, spread: 0.42, arrange: 'radial' }] },
  },
  {
    id: 'dish_siu_mai',
    categoryId: 'cat_dim_sum',
    names: t('Pork and Shrimp Siu Mai (4)', '鲜虾烧卖（4只）'),
    descriptions: t(
      'Open-topped dumplings of pork, shrimp and shiitake, crowned with a dot of crab roe.',
      '猪肉、鲜虾和香菇馅，开口烧卖顶缀蟹籽，鲜甜多汁。',
    ),
    price: 2800,
    tags: [],
    allergens: ['shellfish', 'gluten', 'soy', 'egg'],
    art: { vessel: 'steamer', layers: [{ kind: 'pieces', piece: 'siumai', count: 4, size: 28, spread: 0.42, arrange: 'ring' }] },
  },
  {
    id: 'dish_xiaolongbao',
    categoryId: 'cat_dim_sum',
    names: t('Xiaolongbao Soup Dumplings (6)', '小笼汤包（6只）'),
    descriptions: t(
      'Eighteen-pleat dumplings filled with pork and hot broth. Bite a small hole, sip, then dip in ginger vinegar.',
      '十八个褶的小笼包，猪肉馅裹着滚烫汤汁。先开小口吸汤，再蘸姜丝香醋。',
    ),
    price: 3200,
    tags: ['signature'],
    allergens: ['gluten', 'soy'],
    art: {
      vessel: 'steamer',
      layers: [
        { kind: 'pieces', piece: 'bao', count: 5, size: 30, spread: 0.55, arrange: 'ring' },
        { kind: 'pieces', piece: 'bao', count: 1, size: 30, arrange: 'center' },
      ],
    },
    optionGroups: [optionGroup('xiaolongbao', 'filling', t('Filling', '馅料'), 1, 1, [
      ['pork', 'Pork', '鲜肉'],
      ['crab', 'Pork and crab roe', '蟹粉鲜肉', 1200],
    ])],
  },
  {
    id: 'dish_char_siu_bao',
    categoryId: 'cat_dim_sum',
    names: t('Char Siu Bao (3)', '蜜汁叉烧包（3只）'),
    descriptions: t(
      'Fluffy steamed buns that burst open over sweet, smoky barbecued pork.',
      '松软开花的蒸包，内馅是甜香的蜜汁叉烧。',
    ),
    price: 2400,
    tags: [],
    allergens: ['gluten', 'soy', 'sesame'],
    art: { vessel: 'steamer', layers: [{ kind: 'pieces', piece: 'bao', count: 3, size: 40, colors: ['#fbf3e4', '#b8402a'], spread: 0.42, arrange: 'ring' }] },
  },
  {
    id: 'dish_potstickers',
    categoryId: 'cat_dim_sum',
    names: t('Pan-Fried Pork Potstickers (8)', '锅贴（8只）'),
    descriptions: t(
      'Pork and cabbage dumplings fried until the bottoms are golden and crisp, served with black vinegar.',
      '猪肉白菜馅，底部煎至金黄酥脆，配香醋蘸食。',
    ),
    price: 2600,
    tags: [],
    allergens: ['gluten', 'soy'],
    art: {
      vessel: 'skillet',
      // Turned out crisp side up as an "ice flower": a golden lattice joins the dumplings.
      layers: [
        { kind: 'sauce', color: '#d9a441', size: 0.82 },
        { kind: 'pieces', piece: 'crescent', count: 8, size: 30, colors: ['#f3e4c4', '#c98a35'], spread: 0.42, arrange: 'radial' },
      ],
    },
    optionGroups: [extras('potstickers', 1, [['chilli_oil', 'Side of chilli oil', '配红油', 200]])],
  },
  {
    id: 'dish_spring_rolls',
    categoryId: 'cat_dim_sum',
    names: t('Crispy Vegetable Spring Rolls (4)', '素春卷（4条）'),
    descriptions: t(
      'Golden rolls of cabbage, carrot, glass noodles and shiitake, fried crisp, with sweet chilli dip.',
      '卷心菜、胡萝卜、粉丝和香菇的素馅，炸至金黄香脆，配甜辣酱。',
    ),
    price: 2200,
    tags: ['vegetarian'],
    allergens: ['gluten', 'soy'],
    art: {
      vessel: 'plate',
      layers: [
        { kind: 'pieces', piece: 'spring-roll', count: 4, size: 26, spread: 0.3, arrange: 'row' },
        { kind: 'pieces', piece: 'coriander', count: 2, size: 8, spread: 0.2, at: [0.55, 0.55] },
      ],
    },
  },
  {
    id: 'dish_chilli_oil_wontons',
    categoryId: 'cat_dim_sum',
    names: t('Wontons in Chilli Oil (10)', '红油抄手（10只）'),
    descriptions: t(
      'Silky pork wontons in a sweet, garlicky red chilli oil with sesame paste and spring onion.',
      '嫩滑猪肉抄手，浇上蒜香红油和芝麻酱，撒葱花，麻辣回甜。',
    ),
    price: 2600,
    tags: ['spicy'],
    allergens: ['gluten', 'soy', 'sesame'],
    art: {
      vessel: 'bowl',
      china: 'white',
      layers: [
        { kind: 'pool', color: CHILLI_OIL, oil: '#e0562a' },
        { kind: 'pieces', piece: 'wonton', count: 8, size: 20, spread: 0.55 },
        { kind: 'pieces', piece: 'scallion', count: 14, size: 4, spread: 0.75 },
        { kind: 'pieces', piece: 'sesame', count: 24, size: 1.8, spread: 0.7 },
      ],
    },
    optionGroups: [spiceLevel('chilli_oil_wontons', 'mild')],
  },
]

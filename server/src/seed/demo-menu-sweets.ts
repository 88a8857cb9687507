// Demo menu: desserts and drinks.
import { extras, optionGroup, t, type DemoDish } from './demo-types.js'

export const DESSERTS: DemoDish[] = [
  {
    id: 'dish_mango_pomelo_sago',
    categoryId: 'cat_desserts',
    names: t('Mango Pomelo Sago', '杨枝甘露'),
    descriptions: t(
      'Chilled mango cream with sago pearls, fresh mango and pomelo. The Hong Kong classic.',
      '冰凉芒果椰奶配西米、新鲜芒果粒和西柚果肉，经典港式甜品。',
    ),
    price: 2200,
    tags: ['vegetarian'],
    allergens: ['milk'],
    art: { vessel: 'glass', shape: 'coupe', liquid: ['#ffcf5a', '#f7b733'], fill: 0.85, sago: true, garnish: 'mango' },
  },
  {
    id: 'dish_black_sesame_tangyuan',
    categoryId: 'cat_desserts',
    names: t('Black Sesame Tangyuan', '黑芝麻汤圆'),
    descriptions: t(
      'Soft glutinous rice balls with a molten black sesame filling, in warm ginger syrup.',
      '软糯汤圆包着流心黑芝麻馅，浸在温热的姜糖水里。',
    ),
    price: 1800,
    tags: ['vegetarian'],
    allergens: ['sesame'],
    art: {
      vessel: 'bowl',
      china: 'celadon',
      layers: [
        { kind: 'pool', color: '#e9c98a' },
        { kind: 'pieces', piece: 'tangyuan', count: 5, size: 26, spread: 0.38, arrange: 'ring' },
        { kind: 'pieces', piece: 'tangyuan', count: 1, size: 26, colors: ['#efe9df', '#1d1714'], arrange: 'center' },
        { kind: 'pieces', piece: 'flower', count: 6, size: 5, colors: ['#f2a93b', '#e07b1a'], spread: 0.75 },
      ],
    },
  },
  {
    id: 'dish_egg_tarts',
    categoryId: 'cat_desserts',
    names: t('Hong Kong Egg Tarts (3)', '港式蛋挞（3个）'),
    descriptions: t(
      'Buttery short-crust tarts filled with a just-set, silky egg custard, baked every hour.',
      '酥脆牛油挞皮，装满刚刚凝固的嫩滑蛋奶，每小时新鲜出炉。',
    ),
    price: 1600,
    tags: [],
    allergens: ['egg', 'milk', 'gluten'],
    art: { vessel: 'plate', china: 'white', layers: [{ kind: 'pieces', piece: 'egg-tart', count: 3, size: 40, spread: 0.42, arrange: 'ring' }] },
  },
  {
    id: 'dish_sesame_balls',
    categoryId: 'cat_desserts',
    names: t('Sesame Balls with Red Bean (4)', '豆沙麻球（4个）'),
    descriptions: t(
      'Crisp, hollow glutinous rice balls rolled in sesame, filled with sweet red bean paste.',
      '外皮裹满芝麻，炸得酥脆中空，内有香甜红豆沙。',
    ),
    price: 1600,
    tags: ['vegan'],
    allergens: ['sesame', 'gluten'],
    art: { vessel: 'plate', china: 'blue-rim', layers: [{ kind: 'pieces', piece: 'sesame-ball', count: 4, size: 32, spread: 0.38, arrange: 'ring' }] },
  },
]

export const DRINKS: DemoDish[] = [
  {
    id: 'dish_jasmine_tea',
    categoryId: 'cat_drinks',
    names: t('Jasmine Tea (pot)', '茉莉花茶（壶）'),
    descriptions: t('Green tea scented with fresh jasmine blossoms. Refills of hot water are free.', '鲜茉莉花窨制的绿茶，免费续水。'),
    price: 1200,
    tags: ['vegan'],
    allergens: [],
    art: {
      vessel: 'teacup',
      china: 'white',
      layers: [
        { kind: 'pool', color: '#d8b454' },
        { kind: 'pieces', piece: 'flower', count: 4, size: 11, spread: 0.5 },
        { kind: 'pieces', piece: 'leaf', count: 2, size: 10, colors: ['#6f8f2f'], spread: 0.4 },
      ],
    },
  },
  {
    id: 'dish_pearl_milk_tea',
    categoryId: 'cat_drinks',
    names: t('Brown Sugar Pearl Milk Tea', '黑糖珍珠奶茶'),
    descriptions: t(
      'Assam milk tea over chewy tapioca pearls slow-cooked in brown sugar.',
      '阿萨姆奶茶配黑糖慢煮的Q弹珍珠。',
    ),
    price: 1800,
    tags: ['vegetarian'],
    allergens: ['milk'],
    art: { vessel: 'glass', shape: 'tall', liquid: ['#e7c79a', '#c99766', '#8a5a34'], fill: 0.85, pearls: 26, ice: 3, straw: '#e6553a' },
    optionGroups: [
      optionGroup('pearl_milk_tea', 'sweetness', t('Sweetness', '甜度'), 1, 1, [
        ['full', 'Regular sugar', '正常糖'],
        ['half', 'Half sugar', '半糖'],
        ['less', 'Less sugar', '少糖'],
      ]),
      optionGroup('pearl_milk_tea', 'ice', t('Ice', '冰量'), 1, 1, [
        ['regular', 'Regular ice', '正常冰'],
        ['less', 'Less ice', '少冰'],
        ['none', 'No ice', '去冰'],
        ['hot', 'Hot', '热饮'],
      ]),
      extras('pearl_milk_tea', 2, [
        ['pudding', 'Egg pudding', '加布丁', 300],
        ['extra_pearls', 'Extra pearls', '加珍珠', 200],
      ]),
    ],
  },
  {
    id: 'dish_sour_plum_drink',
    categoryId: 'cat_drinks',
    names: t('Chilled Sour Plum Drink', '冰镇酸梅汤'),
    descriptions: t(
      'Smoked plums, hawthorn and osmanthus brewed and chilled: sweet, tart and cooling with spicy food.',
      '乌梅、山楂和桂花熬煮后冰镇，酸甜解辣。',
    ),
    price: 1200,
    tags: ['vegan'],
    allergens: [],
    art: { vessel: 'glass', shape: 'tumbler', liquid: ['#8e2a1e', '#5a1510'], fill: 0.8, ice: 3, garnish: 'osmanthus' },
  },
  {
    id: 'dish_hk_lemon_tea',
    categoryId: 'cat_drinks',
    names: t('Hong Kong Iced Lemon Tea', '港式冻柠茶'),
    descriptions: t('Strong black tea over ice with a pile of fresh lemon slices. Muddle to taste.', '浓郁红茶加冰和大量新鲜柠檬片，捣一捣更香。'),
    price: 1600,
    tags: ['vegan'],
    allergens: [],
    art: { vessel: 'glass', shape: 'tall', liquid: ['#c8742a', '#8e4414'], fill: 0.85, ice: 4, garnish: 'lemon', straw: '#2f6b3a' },
    optionGroups: [optionGroup('hk_lemon_tea', 'sweetness', t('Sweetness', '甜度'), 1, 1, [
      ['full', 'Regular sugar', '正常糖'],
      ['half', 'Half sugar', '半糖'],
      ['none', 'No sugar', '无糖'],
    ])],
  },
  {
    id: 'dish_tsingtao_beer',
    categoryId: 'cat_drinks',
    names: t('Tsingtao Draught Beer', '青岛扎啤'),
    descriptions: t('Crisp lager from Qingdao, poured cold. 500 ml.', '青岛原浆扎啤，冰爽顺滑。500毫升。'),
    price: 1500,
    tags: [],
    allergens: ['gluten'],
    art: { vessel: 'glass', shape: 'pint', liquid: ['#f4c542', '#e0a21c'], fill: 0.78, foam: '#fbf6e6' },
  },
]

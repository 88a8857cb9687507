// Demo menu: wok dishes and mains.
import { extras, optionGroup, spiceLevel, t, type DemoDish } from './demo-types.js'

export const WOK_AND_MAINS: DemoDish[] = [
  {
    id: 'dish_kung_pao_chicken',
    categoryId: 'cat_wok',
    names: t('Kung Pao Chicken', '宫保鸡丁'),
    descriptions: t(
      'Diced chicken thigh flash-fried with dried chillies, Sichuan peppercorns, spring onion and roasted peanuts in a glossy sweet-sour sauce.',
      '鸡腿肉丁与干辣椒、花椒、葱段和油炸花生爆炒，糊辣荔枝味，酸甜微麻。',
    ),
    price: 4200,
    tags: ['spicy'],
    allergens: ['peanut', 'soy', 'gluten'],
    art: {
      vessel: 'plate',
      layers: [
        { kind: 'sauce', color: '#8e3a18', size: 0.8 },
        { kind: 'pieces', piece: 'chunk', count: 16, size: 13, colors: ['#c0743d'], spread: 0.68, arrange: 'pile' },
        { kind: 'pieces', piece: 'dried-chilli', count: 10, size: 11, spread: 0.7 },
        { kind: 'pieces', piece: 'peanut', count: 14, size: 6, spread: 0.7 },
        { kind: 'pieces', piece: 'strip', count: 6, size: 7, colors: ['#f1f4dc', '#ffffff'], spread: 0.6 },
      ],
    },
    optionGroups: [
      spiceLevel('kung_pao_chicken', 'mild'),
      extras('kung_pao_chicken', 2, [
        ['peanuts', 'Extra peanuts', '多加花生', 300],
        ['rice', 'Add a bowl of rice', '加一碗米饭', 300],
      ]),
    ],
  },
  {
    id: 'dish_mapo_tofu',
    categoryId: 'cat_wok',
    names: t('Mapo Tofu', '麻婆豆腐'),
    descriptions: t(
      'Soft tofu simmered in a fiery sauce of Pixian doubanjiang, fermented black beans and minced beef, finished with ground Sichuan pepper.',
      '嫩豆腐配郫县豆瓣、豆豉和牛肉末烧制，出锅撒花椒粉，麻辣烫香。',
    ),
    price: 3200,
    tags: ['spicy', 'signature'],
    allergens: ['soy'],
    art: {
      vessel: 'bowl',
      china: 'white',
      side: 'spoon',
      layers: [
        { kind: 'pool', color: '#b3311a', oil: '#e25a26' },
        { kind: 'pieces', piece: 'cube', count: 14, size: 14, colors: ['#f5ecd3'], spread: 0.66 },
        { kind: 'pieces', piece: 'mince', count: 12, size: 5, spread: 0.7 },
        { kind: 'pieces', piece: 'peppercorn', count: 20, size: 2.2, spread: 0.75 },
        { kind: 'pieces', piece: 'scallion', count: 12, size: 4, spread: 0.6 },
      ],
    },
    optionGroups: [
      spiceLevel('mapo_tofu'),
      optionGroup('mapo_tofu', 'protein', t('Made with', '做法'), 1, 1, [
        ['beef', 'Minced beef', '牛肉末'],
        ['vegan', 'Shiitake (vegan)', '香菇素做法'],
      ]),
    ],
  },
  {
    id: 'dish_sweet_sour_pork',
    categoryId: 'cat_wok',
    names: t('Sweet and Sour Pork', '咕噜肉'),
    descriptions: t(
      'Crisp-fried pork tossed with pineapple and peppers in a bright sweet and sour glaze.',
      '酥炸猪肉块与菠萝、彩椒同炒，裹上鲜亮的酸甜汁。',
    ),
    price: 4600,
    tags: [],
    allergens: ['gluten', 'egg'],
    art: {
      vessel: 'plate',
      china: 'blue-rim',
      layers: [
        { kind: 'sauce', color: '#d8472a', size: 0.78 },
        { kind: 'pieces', piece: 'chunk', count: 13, size: 16, colors: ['#d9541f'], spread: 0.62, arrange: 'pile' },
        { kind: 'pieces', piece: 'pineapple', count: 6, size: 12, spread: 0.65 },
        { kind: 'pieces', piece: 'cube', count: 6, size: 8, colors: ['#4d9b3a'], spread: 0.65 },
        { kind: 'pieces', piece: 'sesame', count: 20, size: 1.8, spread: 0.6 },
      ],
    },
  },
  {
    id: 'dish_braised_pork_belly',
    categoryId: 'cat_wok',
    names: t('Red-Braised Pork Belly', '红烧肉'),
    descriptions: t(
      'Pork belly braised slowly with rock sugar, Shaoxing wine and star anise until it melts and shines.',
      '五花肉用冰糖、绍兴黄酒和八角慢火红烧，肥而不腻，入口即化。',
    ),
    price: 5800,
    tags: ['signature'],
    allergens: ['soy', 'gluten'],
    art: {
      vessel: 'claypot',
      layers: [
        { kind: 'pool', color: '#6b2510', fill: 0.95, oil: '#9b4420' },
        { kind: 'pieces', piece: 'belly', count: 9, size: 20, spread: 0.55, arrange: 'pile' },
        { kind: 'pieces', piece: 'star-anise', count: 2, size: 10, spread: 0.6 },
        { kind: 'pieces', piece: 'scallion', count: 8, size: 4, spread: 0.5 },
      ],
    },
    optionGroups: [extras('braised_pork_belly', 2, [
      ['egg', 'Braised egg', '加卤蛋', 300],
      ['rice', 'Add a bowl of rice', '加一碗米饭', 300],
    ])],
  },
  {
    id: 'dish_steamed_sea_bass',
    categoryId: 'cat_wok',
    names: t('Whole Steamed Sea Bass', '清蒸鲈鱼'),
    descriptions: t(
      'A whole sea bass steamed with ginger, finished with sizzling oil over spring onion and light soy. About 600 g.',
      '整条鲈鱼配姜片清蒸，淋热油激香葱丝，浇蒸鱼豉油。约600克。',
    ),
    price: 8800,
    tags: [],
    allergens: ['fish', 'soy'],
    art: {
      vessel: 'platter',
      china: 'white',
      layers: [
        { kind: 'sauce', color: '#8a5a2a', size: 1.05 },
        { kind: 'pieces', piece: 'fish', count: 1, size: 150, arrange: 'center' },
        { kind: 'pieces', piece: 'shred', count: 22, size: 12, colors: ['#7cc242'], spread: 0.55 },
        { kind: 'pieces', piece: 'shred', count: 10, size: 10, colors: ['#f1d37a'], spread: 0.5 },
        { kind: 'pieces', piece: 'shred', count: 8, size: 9, colors: ['#d7261e'], spread: 0.5 },
      ],
    },
  },
  {
    id: 'dish_black_pepper_beef',
    categoryId: 'cat_wok',
    names: t('Black Pepper Beef Tenderloin', '黑椒牛柳'),
    descriptions: t(
      'Strips of beef tenderloin seared with onion and peppers in a coarse black pepper sauce.',
      '牛里脊切条，与洋葱、彩椒大火快炒，裹上粗粒黑椒汁。',
    ),
    price: 6800,
    tags: [],
    allergens: ['soy', 'gluten'],
    art: {
      vessel: 'skillet',
      layers: [
        { kind: 'sauce', color: '#4a2a18', size: 0.78 },
        { kind: 'pieces', piece: 'strip', count: 14, size: 16, colors: ['#6e3a22', '#9a5a3a'], spread: 0.6 },
        { kind: 'pieces', piece: 'strip', count: 6, size: 12, colors: ['#4f9a3a'], spread: 0.6 },
        { kind: 'pieces', piece: 'strip', count: 5, size: 12, colors: ['#d8402a'], spread: 0.6 },
        { kind: 'pieces', piece: 'peppercorn', count: 40, size: 1.6, colors: ['#1d1a18'], spread: 0.75 },
      ],
    },
  },
  {
    id: 'dish_twice_cooked_pork',
    categoryId: 'cat_wok',
    names: t('Twice-Cooked Pork', '回锅肉'),
    descriptions: t(
      'Boiled pork belly sliced thin and fried again with leeks, doubanjiang and fermented black beans until the edges curl.',
      '五花肉先煮后切片，再与蒜苗、郫县豆瓣和豆豉回锅爆炒至灯盏窝。',
    ),
    price: 4800,
    tags: ['spicy'],
    allergens: ['soy', 'gluten'],
    art: {
      vessel: 'plate',
      layers: [
        { kind: 'sauce', color: '#a8391c', size: 0.8 },
        { kind: 'pieces', piece: 'slice', count: 14, size: 20, colors: ['#e8b48a', '#b5542a'], spread: 0.6, arrange: 'pile' },
        { kind: 'pieces', piece: 'strip', count: 10, size: 12, colors: ['#3f8a2c'], spread: 0.65 },
        { kind: 'pieces', piece: 'chilli', count: 4, size: 9, spread: 0.6 },
      ],
    },
    optionGroups: [spiceLevel('twice_cooked_pork', 'mild')],
  },
  {
    id: 'dish_sichuan_boiled_fish',
    categoryId: 'cat_wok',
    names: t('Sichuan Boiled Fish in Chilli Oil', '水煮鱼'),
    descriptions: t(
      'Tender fish fillets poached in a big bowl of sizzling chilli oil over bean sprouts, under a blanket of dried chillies and peppercorns.',
      '嫩滑鱼片铺在豆芽上，泼上滚烫红油，盖满干辣椒和花椒。',
    ),
    price: 9800,
    tags: ['very-spicy', 'signature'],
    allergens: ['fish', 'soy'],
    art: {
      vessel: 'bowl',
      china: 'white',
      side: 'none',
      layers: [
        { kind: 'pool', color: '#b52a14', oil: '#e8642a' },
        { kind: 'pieces', piece: 'slice', count: 12, size: 22, colors: ['#f7efe2', '#ead9c0'], spread: 0.6 },
        { kind: 'pieces', piece: 'dried-chilli', count: 16, size: 11, spread: 0.75 },
        { kind: 'pieces', piece: 'peppercorn', count: 30, size: 2.4, spread: 0.8 },
        { kind: 'pieces', piece: 'coriander', count: 4, size: 8, spread: 0.4 },
      ],
    },
    optionGroups: [
      spiceLevel('sichuan_boiled_fish', 'mild'),
      optionGroup('sichuan_boiled_fish', 'size', t('Serves', '份量'), 1, 1, [
        ['two', '2 people', '2人份'],
        ['four', '3–4 people', '3–4人份', 4800],
      ]),
    ],
  },
  {
    id: 'dish_peking_duck',
    categoryId: 'cat_wok',
    names: t('Peking Roast Duck', '北京烤鸭'),
    descriptions: t(
      'Crisp, lacquered roast duck carved at the pass, with thin pancakes, cucumber, spring onion and sweet bean sauce.',
      '果木烤鸭现场片皮，配荷叶薄饼、黄瓜条、葱丝和甜面酱。',
    ),
    price: 12800,
    tags: ['signature'],
    allergens: ['gluten', 'soy'],
    art: {
      vessel: 'platter',
      china: 'red-rim',
      layers: [
        { kind: 'pieces', piece: 'duck', count: 10, size: 28, spread: 0.55, arrange: 'fan', at: [-0.1, 0] },
        { kind: 'pieces', piece: 'pancake', count: 4, size: 34, spread: 0.1, at: [0.95, 0.25], arrange: 'pile' },
        { kind: 'pieces', piece: 'strip', count: 5, size: 12, colors: ['#3f8a2c', '#cfe5a0'], spread: 0.2, at: [-0.95, 0.4] },
        { kind: 'pieces', piece: 'strip', count: 5, size: 12, colors: ['#f3f6e4', '#8fcf5a'], spread: 0.2, at: [-0.95, -0.25] },
      ],
    },
    optionGroups: [optionGroup('peking_duck', 'size', t('Portion', '份量'), 1, 1, [
      ['half', 'Half duck', '半只'],
      ['whole', 'Whole duck', '整只', 10800],
    ])],
  },
]

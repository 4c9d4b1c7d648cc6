import type { Prng } from './prng';

/**
 * Synthetic names for synthetic people. Every person the seed makes is invented: the names are common
 * given names and surnames of each origin combined at random, so no record describes a real person.
 *
 * Each name part is known in its own script, in the Latin spellings registrars and passports actually
 * use (Mohammad / Muhammad / Mukhammad), and as Russian documents write it, because the same detainee
 * often arrives with papers in another script than the one they write their name in.
 */
export interface NamePart {
  native: string;
  latin: readonly string[];
  ru: string;
  /** Russian-style patronymic stems, only where the rule would get it wrong (Павел → Павлович). */
  patronymic?: readonly [male: string, female: string];
}

/** "native|Latin1/Latin2|Russian[|patronymic m/f]"; an empty Russian field means the native is Cyrillic. */
function parts(lines: string): NamePart[] {
  return lines
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [native, latin, ru, pat] = l.split('|') as [string, string, string, string | undefined];
      const p: NamePart = { native, latin: latin.split('/'), ru: ru || native };
      if (pat) {
        const [m, f] = pat.split('/') as [string, string];
        return { ...p, patronymic: [m, f] as const };
      }
      return p;
    });
}

export type Script = 'persian' | 'urdu' | 'arabic' | 'cyrillic' | 'georgian' | 'latin' | 'devanagari' | 'bengali';

export interface Origin {
  nationality: string;
  script: Script;
  /** Language sets (ISO 639-1) people of this origin commonly speak, one picked per person. */
  languages: readonly (readonly string[])[];
  male: readonly NamePart[];
  female: readonly NamePart[];
  surnames: readonly NamePart[];
  /** Surnames take a feminine form (Karimov → Karimova). */
  gendered: boolean;
  /** Russian-style patronymic (RUS, Central Asia), Azerbaijani oğlu/qızı, or none. */
  patronymic: 'ru' | 'az' | 'none';
  /** Share of people known by a single name (common in Afghanistan), and of two given names. */
  singleName: number;
  doubleGiven: number;
  /** Relative share among detainees (immigration detention in Azerbaijan: neighbours and transit routes). */
  weight: number;
}

const persianMale = parts(`
  محمد|Mohammad/Muhammad/Mohammed/Mukhammad|Мухаммад
  احمد|Ahmad/Ahmed|Ахмад
  علی|Ali|Али
  عبدالله|Abdullah/Abdulla|Абдулла
  غلام|Ghulam/Gholam/Gulam|Гулам
  نور|Noor/Nur|Нур
  حمید|Hamid|Хамид
  رحیم|Rahim/Raheem/Rakhim|Рахим
  کریم|Karim/Kareem|Карим
  جاوید|Javid/Jawid/Javed|Джавид
  فرید|Farid/Fareed|Фарид
  نبی|Nabi|Наби
  شفیق|Shafiq/Shafeeq|Шафик
  ذبیح‌الله|Zabihullah/Zabiullah|Забихулла
  سمیع‌الله|Samiullah/Sami Ullah|Самиулла
  حبیب|Habib|Хабиб
  قدیر|Qadir/Kadir|Кадир
  نجیب|Najib/Najeeb|Наджиб
  عزیز|Aziz|Азиз
  یوسف|Yusuf/Yousuf|Юсуф
  مصطفی|Mustafa/Mostafa|Мустафа
  حسین|Hussain/Hossein/Husain|Хусейн
  ولی|Wali/Vali|Вали
  ظاهر|Zahir/Zaher|Захир
  شریف|Sharif|Шариф
  رضا|Reza/Riza|Реза
  مهدی|Mehdi/Mahdi|Мехди
  امیر|Amir|Амир
  سعید|Saeed/Said|Саид
  مجید|Majid|Маджид
  بهروز|Behrouz/Behruz|Бехруз
  فرهاد|Farhad|Фархад
  جواد|Javad/Jawad|Джавад
  مسعود|Masoud/Massoud|Масуд
  داریوش|Dariush/Daryoush|Дариуш
`);

const persianFemale = parts(`
  فاطمه|Fatima/Fatemeh|Фатима
  زرمینه|Zarmina/Zarmeena|Зармина
  مریم|Maryam/Mariam|Марьям
  زهرا|Zahra|Захра
  شکیلا|Shakila|Шакила
  فریبا|Fariba|Фариба
  ملالی|Malalai|Малалай
  نرگس|Nargis/Narges|Наргис
  پروین|Parvin/Parween|Парвин
  سیما|Sima/Seema|Сима
  لیلا|Laila/Leila/Layla|Лейла
  گلالی|Gulalai|Гулалай
  حمیده|Hamida|Хамида
  رقیه|Ruqia/Roqia|Рукия
  نگار|Negar|Негар
  شیرین|Shirin|Ширин
  مهسا|Mahsa|Махса
  نسرین|Nasrin|Насрин
  آزاده|Azadeh/Azade|Азаде
  ژاله|Zhaleh/Jaleh|Жале
`);

const afghanSurnames = parts(`
  رحیمی|Rahimi/Raheemi|Рахими
  حیدری|Haidari/Heydari/Haydari|Хайдари
  حسینی|Hosseini/Husseini/Hussaini|Хусейни
  احمدی|Ahmadi|Ахмади
  محمدی|Mohammadi/Muhammadi|Мухаммади
  کریمی|Karimi|Карими
  نوری|Noori/Nuri|Нури
  رضایی|Rezaei/Rezai|Резаи
  صدیقی|Sediqi/Siddiqui|Сидики
  امیری|Amiri|Амири
  یوسفزی|Yousafzai/Yusufzai|Юсуфзай
  وردک|Wardak/Vardak|Вардак
  پوپلزی|Popalzai|Попалзай
  نظری|Nazari|Назари
  قادری|Qaderi/Kaderi|Кадери
  اکبری|Akbari|Акбари
  هاشمی|Hashimi/Hashemi|Хашими
  جلالی|Jalali|Джалали
  صافی|Safi|Сафи
  ستانکزی|Stanikzai|Станикзай
  عثمانی|Usmani/Osmani|Усмани
  ابراهیمی|Ebrahimi/Ibrahimi|Ибрахими
  شینواری|Shinwari|Шинвари
  مومند|Momand/Mohmand|Моманд
  سلطانی|Sultani/Soltani|Султани
  عزیزی|Azizi|Азизи
`);

const iranianSurnames = parts(`
  حسینی|Hosseini/Hoseini|Хосейни
  احمدی|Ahmadi|Ахмади
  محمدی|Mohammadi|Мохаммади
  رضایی|Rezaei/Rezaee|Резаи
  موسوی|Mousavi/Musavi|Мусави
  جعفری|Jafari/Jafary|Джафари
  کریمی|Karimi|Карими
  رحیمی|Rahimi|Рахими
  صادقی|Sadeghi/Sadeqi|Садеги
  قاسمی|Ghasemi/Qasemi|Гасеми
  طاهری|Taheri|Тахери
  نجفی|Najafi|Наджафи
  کاظمی|Kazemi|Каземи
  شریفی|Sharifi|Шарифи
  تهرانی|Tehrani|Техрани
  اکبرزاده|Akbarzadeh/Akbarzade|Акбарзаде
  حسن‌زاده|Hassanzadeh/Hasanzadeh|Хасанзаде
  نوروزی|Nowruzi/Noruzi|Нурузи
`);

const russianMale = parts(`
  Иван|Ivan||Иванович/Ивановна
  Алексей|Aleksei/Alexey/Aleksey|
  Дмитрий|Dmitrii/Dmitry/Dmitriy|
  Сергей|Sergei/Sergey|
  Андрей|Andrei/Andrey|
  Николай|Nikolai/Nikolay|
  Михаил|Mikhail||Михайлович/Михайловна
  Владимир|Vladimir|
  Артём|Artem/Artyom|
  Павел|Pavel||Павлович/Павловна
  Евгений|Evgenii/Evgeny/Yevgeny||Евгеньевич/Евгеньевна
  Олег|Oleg|
  Юрий|Iurii/Yuri/Yury||Юрьевич/Юрьевна
  Максим|Maksim/Maxim|
  Виктор|Viktor/Victor|
  Игорь|Igor||Игоревич/Игоревна
`);

const russianFemale = parts(`
  Ольга|Olga|
  Елена|Elena/Yelena|
  Наталья|Natalia/Natalya|
  Татьяна|Tatiana/Tatyana|
  Ирина|Irina|
  Светлана|Svetlana|
  Анна|Anna|
  Мария|Mariia/Maria|
  Юлия|Iuliia/Yulia|
  Екатерина|Ekaterina/Yekaterina|
  Людмила|Liudmila/Lyudmila|
  Галина|Galina|
`);

const russianSurnames = parts(`
  Иванов|Ivanov|
  Петров|Petrov|
  Сидоров|Sidorov|
  Смирнов|Smirnov|
  Кузнецов|Kuznetsov|
  Попов|Popov|
  Соколов|Sokolov|
  Лебедев|Lebedev|
  Козлов|Kozlov|
  Новиков|Novikov|
  Морозов|Morozov|
  Волков|Volkov|
  Фёдоров|Fedorov/Fyodorov|
  Михайлов|Mikhailov/Mikhaylov|
  Беляев|Beliaev/Belyaev|
  Захаров|Zakharov/Zaharov|
  Орлов|Orlov|
  Васильев|Vasilev/Vasilyev|
  Медведев|Medvedev|
  Зайцев|Zaitsev/Zaytsev|
  Соловьёв|Solovyov/Soloviev|
  Семёнов|Semenov/Semyonov|
  Голубев|Golubev|
  Виноградов|Vinogradov|
  Богданов|Bogdanov|
  Воробьёв|Vorobyov/Vorobiev|
  Фролов|Frolov|
  Макаров|Makarov|
  Степанов|Stepanov|
  Никитин|Nikitin|
  Ковалёв|Kovalev/Kovalyov|
  Ильин|Ilyin/Ilin|
  Гусев|Gusev|
  Титов|Titov|
  Кузьмин|Kuzmin|
  Кудрявцев|Kudryavtsev/Kudriavtsev|
  Баранов|Baranov|
  Куликов|Kulikov|
  Тарасов|Tarasov|
  Белов|Belov|
  Комаров|Komarov|
  Киселёв|Kiselev/Kiselyov|
`);

const uzbekMale = parts(`
  Алишер|Alisher|
  Бахтиёр|Bakhtiyor/Baxtiyor|
  Рустам|Rustam|
  Шерзод|Sherzod|
  Жасур|Jasur/Zhasur|
  Дилшод|Dilshod|Дильшод
  Ўткир|O'tkir/Utkir|Уткир
  Отабек|Otabek|
  Фаррух|Farrukh/Farrux|
  Икром|Ikrom|Икрам
  Анвар|Anvar|
  Бобур|Bobur|
  Зафар|Zafar|
  Улуғбек|Ulug'bek/Ulugbek|Улугбек
  Азиз|Aziz|
  Абдулла|Abdulla|
  Мухаммад|Muhammad/Mukhammad|
  Шухрат|Shukhrat/Shuxrat|
`);

const uzbekFemale = parts(`
  Нодира|Nodira|
  Гулнора|Gulnora|Гульнора
  Дилноза|Dilnoza|
  Мадина|Madina|
  Шахноза|Shakhnoza/Shahnoza|
  Феруза|Feruza|
  Зарина|Zarina|
  Малика|Malika|
  Гулбаҳор|Gulbahor/Gulbakhor|Гульбахор
  Юлдуз|Yulduz|
  Ўғилой|O'g'iloy/Ugiloy|Угилой
  Нилуфар|Nilufar|
`);

const uzbekSurnames = parts(`
  Каримов|Karimov|
  Юсупов|Yusupov/Iusupov|
  Рахимов|Rakhimov/Rahimov/Raximov|
  Турсунов|Tursunov|
  Абдуллаев|Abdullaev/Abdullayev|
  Назаров|Nazarov|
  Исмоилов|Ismoilov/Ismailov|Исмаилов
  Холматов|Kholmatov/Xolmatov|
  Эргашев|Ergashev|
  Султонов|Sultonov/Sultanov|Султанов
  Мирзаев|Mirzaev/Mirzayev|
  Усмонов|Usmonov/Usmanov|Усманов
  Саидов|Saidov|
  Ахмедов|Akhmedov/Ahmedov|
  Тошматов|Toshmatov|
  Хакимов|Khakimov/Hakimov|
`);

const tajikMale = parts(`
  Ҷамшед|Jamshed/Djamshed/Dzhamshed|Джамшед
  Фирӯз|Firuz/Firouz|Фируз
  Бахтовар|Bakhtovar/Bahtovar|Бахтовар
  Сомон|Somon|Сомон
  Раҳим|Rahim/Rakhim|Рахим
  Далер|Daler|Далер
  Фаридун|Faridun|Фаридун
  Хуршед|Khurshed/Khurshid/Xurshed|Хуршед
  Шерали|Sherali|Шерали
  Исмоил|Ismoil/Ismail|Исмаил
  Абдуллоҳ|Abdulloh/Abdullo|Абдулло
  Суҳроб|Suhrob/Sukhrob|Сухроб
  Манучеҳр|Manuchehr|Манучехр
  Комрон|Komron|Комрон
  Умед|Umed|Умед
  Муҳаммад|Muhammad/Mukhammad|Мухаммад
`);

const tajikFemale = parts(`
  Мадина|Madina|Мадина
  Нигина|Nigina|Нигина
  Таҳмина|Tahmina/Takhmina|Тахмина
  Зарина|Zarina|Зарина
  Парвина|Parvina|Парвина
  Шаҳло|Shahlo/Shakhlo|Шахло
  Меҳрона|Mehrona|Мехрона
  Сафина|Safina|Сафина
  Гулҷаҳон|Guljahon|Гульджахон
  Дилором|Dilorom|Дилором
`);

const tajikSurnames = parts(`
  Раҳимов|Rahimov/Rakhimov|Рахимов
  Назаров|Nazarov|Назаров
  Саидов|Saidov|Саидов
  Шарипов|Sharipov|Шарипов
  Ҳасанов|Hasanov/Khasanov|Хасанов
  Қурбонов|Qurbonov/Kurbonov|Курбонов
  Ғафуров|Ghafurov/Gafurov|Гафуров
  Давлатов|Davlatov|Давлатов
  Сафаров|Safarov|Сафаров
  Мирзоев|Mirzoev/Mirzoyev|Мирзоев
  Олимов|Olimov|Олимов
  Раҷабов|Rajabov/Radzhabov|Раджабов
  Зоиров|Zoirov|Зоиров
  Азизов|Azizov|Азизов
  Каримов|Karimov|Каримов
`);

const kyrgyzMale = parts(`
  Айбек|Aibek/Aybek|
  Нурлан|Nurlan|
  Бакыт|Bakyt/Bakit|
  Эрлан|Erlan|
  Азамат|Azamat|
  Улан|Ulan|
  Темирлан|Temirlan|
  Канат|Kanat|
  Бектур|Bektur|
  Тилек|Tilek|
  Данияр|Daniiar/Daniyar|
  Үмүт|Umut|Умут
`);

const kyrgyzFemale = parts(`
  Айгүл|Aigul/Aygul|Айгуль
  Гүлнара|Gulnara|Гульнара
  Жылдыз|Zhyldyz/Jyldyz|
  Асел|Asel|Асель
  Нургүл|Nurgul|Нургуль
  Бермет|Bermet|
  Чолпон|Cholpon|
  Айзада|Aizada/Ayzada|
  Мээрим|Meerim|
  Элнура|Elnura|
`);

const kyrgyzSurnames = parts(`
  Асанов|Asanov|
  Токтогулов|Toktogulov|
  Абдыкадыров|Abdykadyrov|
  Мамытов|Mamytov|
  Осмонов|Osmonov|
  Жумабаев|Zhumabaev/Jumabaev|
  Сыдыков|Sydykov|
  Турдубаев|Turdubaev|
  Алымкулов|Alymkulov|
  Бообеков|Boobekov|
  Эсенов|Esenov|
  Кадыров|Kadyrov|
  Өмүрбеков|Omurbekov|Омурбеков
`);

const georgianMale = parts(`
  გიორგი|Giorgi|Георгий
  დავით|Davit/David|Давид
  ლევან|Levan|Леван
  ნიკოლოზ|Nikoloz|Николоз
  ირაკლი|Irakli|Ираклий
  ზურაბ|Zurab|Зураб
  ლაშა|Lasha|Лаша
  გოჩა|Gocha|Гоча
  თამაზ|Tamaz|Тамаз
  მამუკა|Mamuka|Мамука
  ვახტანგ|Vakhtang|Вахтанг
  შოთა|Shota|Шота
`);

const georgianFemale = parts(`
  ნინო|Nino|Нино
  თამარ|Tamar|Тамара
  მარიამ|Mariam|Мариам
  ნათია|Natia|Натия
  ეკატერინე|Ekaterine|Екатерина
  ქეთევან|Ketevan|Кетеван
  ანა|Ana|Анна
  სალომე|Salome|Саломе
  ელენე|Elene|Елена
  მაია|Maia|Майя
`);

const georgianSurnames = parts(`
  ბერიძე|Beridze|Беридзе
  კაპანაძე|Kapanadze|Капанадзе
  გელაშვილი|Gelashvili|Гелашвили
  მაისურაძე|Maisuradze|Маисурадзе
  ლომიძე|Lomidze|Ломидзе
  ჯაფარიძე|Japaridze/Dzhaparidze|Джапаридзе
  ხუციშვილი|Khutsishvili|Хуцишвили
  გიორგაძე|Giorgadze|Гиоргадзе
  ნოზაძე|Nozadze|Нозадзе
  ბოლქვაძე|Bolkvadze|Болквадзе
  წიკლაური|Tsiklauri|Циклаури
  კვარაცხელია|Kvaratskhelia|Кварацхелия
  ჩხეიძე|Chkheidze|Чхеидзе
  ტაბატაძე|Tabatadze|Табатадзе
  აბაშიძე|Abashidze|Абашидзе
  კიკნაძე|Kiknadze|Кикнадзе
  ჯავახიშვილი|Javakhishvili/Dzhavakhishvili|Джавахишвили
  წერეთელი|Tsereteli|Церетели
  დადიანი|Dadiani|Дадиани
  ჭავჭავაძე|Chavchavadze|Чавчавадзе
  შენგელია|Shengelia|Шенгелия
  კობახიძე|Kobakhidze|Кобахидзе
  ლორთქიფანიძე|Lordkipanidze|Лордкипанидзе
  ცინცაძე|Tsintsadze|Цинцадзе
  მჭედლიშვილი|Mchedlishvili|Мчедлишвили
  ნაცვლიშვილი|Natsvlishvili|Нацвлишвили
  მიქელაძე|Mikeladze|Микеладзе
  შარაშიძე|Sharashidze|Шарашидзе
  მესხი|Meskhi|Месхи
  გვარამია|Gvaramia|Гварамия
  ჯიქია|Jikia|Джикия
  ბაქრაძე|Bakradze|Бакрадзе
  დავითაშვილი|Davitashvili|Давиташвили
  მამულაშვილი|Mamulashvili|Мамулашвили
  ღლონტი|Ghlonti|Глонти
  ქავთარაძე|Kavtaradze|Кавтарадзе
`);

const turkishMale = parts(`
  Mehmet|Mehmet/Mehmed|Мехмет
  Mustafa|Mustafa|Мустафа
  Ahmet|Ahmet|Ахмет
  Ali|Ali|Али
  Hüseyin|Huseyin/Hüseyin|Хюсейн
  Hasan|Hasan|Хасан
  İbrahim|Ibrahim|Ибрагим
  Murat|Murat|Мурат
  Emre|Emre|Эмре
  Yusuf|Yusuf|Юсуф
  Osman|Osman|Осман
  Ömer|Omer/Ömer|Омер
  Burak|Burak|Бурак
  Serkan|Serkan|Серкан
  Fatih|Fatih|Фатих
`);

const turkishFemale = parts(`
  Ayşe|Ayse/Ayşe|Айше
  Fatma|Fatma|Фатма
  Emine|Emine|Эмине
  Hatice|Hatice|Хатидже
  Zeynep|Zeynep|Зейнеп
  Elif|Elif|Элиф
  Meryem|Meryem|Мерьем
  Şerife|Serife|Шерифе
  Büşra|Busra|Бюшра
  Esra|Esra|Эсра
`);

const turkishSurnames = parts(`
  Yılmaz|Yilmaz|Йылмаз
  Kaya|Kaya|Кая
  Demir|Demir|Демир
  Şahin|Sahin|Шахин
  Çelik|Celik|Челик
  Yıldız|Yildiz|Йылдыз
  Yıldırım|Yildirim|Йылдырым
  Öztürk|Ozturk|Озтюрк
  Aydın|Aydin|Айдын
  Özdemir|Ozdemir|Оздемир
  Arslan|Arslan|Арслан
  Doğan|Dogan|Доган
  Kılıç|Kilic|Кылыч
  Aslan|Aslan|Аслан
  Çetin|Cetin|Четин
  Koç|Koc|Коч
`);

const indianMale = parts(`
  राहुल|Rahul|Рахул
  अमित|Amit|Амит
  विजय|Vijay|Виджай
  सुनील|Sunil|Сунил
  राजेश|Rajesh|Раджеш
  संजय|Sanjay|Санджай
  मनोज|Manoj|Манодж
  हरप्रीत|Harpreet/Harprit|Харприт
  अर्जुन|Arjun|Арджун
  दीपक|Deepak/Dipak|Дипак
  गुरप्रीत|Gurpreet|Гурприт
  अनिल|Anil|Анил
`);

const indianFemale = parts(`
  प्रिया|Priya|Прия
  पूजा|Pooja/Puja|Пуджа
  सुनीता|Sunita|Сунита
  अनीता|Anita|Анита
  नेहा|Neha|Неха
  कविता|Kavita|Кавита
  रीना|Reena/Rina|Рина
  मनप्रीत|Manpreet|Манприт
`);

const indianSurnames = parts(`
  शर्मा|Sharma|Шарма
  सिंह|Singh|Сингх
  कुमार|Kumar|Кумар
  पटेल|Patel|Патель
  वर्मा|Verma|Верма
  गुप्ता|Gupta|Гупта
  यादव|Yadav|Ядав
  मिश्रा|Mishra|Мишра
  रेड्डी|Reddy|Редди
  जोशी|Joshi|Джоши
  चौधरी|Chaudhary/Choudhary|Чаудхари
  गिल|Gill|Гилл
  दास|Das|Дас
  नायर|Nair|Наир
  राव|Rao|Рао
  पांडेय|Pandey/Panday|Пандей
  ठाकुर|Thakur|Тхакур
  सैनी|Saini|Саини
  ढिल्लों|Dhillon|Диллон
  संधू|Sandhu|Сандху
  भाटिया|Bhatia|Бхатия
  मल्होत्रा|Malhotra|Малхотра
  कपूर|Kapoor/Kapur|Капур
  अग्रवाल|Agarwal/Aggarwal|Агарвал
  बंसल|Bansal|Бансал
  त्रिपाठी|Tripathi|Трипатхи
  शुक्ला|Shukla|Шукла
`);

const urduMale = parts(`
  محمد|Muhammad/Mohammad/Muhammed|Мухаммад
  عمران|Imran|Имран
  عثمان|Usman/Osman|Усман
  بلال|Bilal|Билал
  حمزہ|Hamza/Hamzah|Хамза
  علی|Ali|Али
  فیصل|Faisal/Faysal|Фейсал
  کامران|Kamran|Камран
  آصف|Asif|Асиф
  زبیر|Zubair/Zubayr|Зубайр
  شاہد|Shahid|Шахид
  طارق|Tariq/Tarik|Тарик
  وقاص|Waqas/Vakas|Вакас
  عبدالرحمن|Abdul Rehman/Abdurrahman|Абдурахман
`);

const urduFemale = parts(`
  عائشہ|Ayesha/Aisha|Аиша
  فاطمہ|Fatima/Fatma|Фатима
  صائمہ|Saima|Саима
  نادیہ|Nadia/Nadiya|Надия
  ثنا|Sana|Сана
  مہوش|Mehwish|Мехвиш
  رابعہ|Rabia|Рабия
  زینب|Zainab/Zeenat|Зейнаб
`);

const urduSurnames = parts(`
  خان|Khan|Хан
  احمد|Ahmed/Ahmad|Ахмед
  حسین|Hussain/Hussein|Хусейн
  شاہ|Shah|Шах
  بٹ|Butt/Bhatt|Батт
  چودھری|Chaudhry/Chaudhary|Чаудхри
  ملک|Malik|Малик
  قریشی|Qureshi/Kureshi|Курейши
  اعوان|Awan|Аван
  راجپوت|Rajput|Раджпут
  مغل|Mughal|Могол
  بلوچ|Baloch/Baluch|Белудж
  یوسفزئی|Yousafzai/Yusufzai|Юсуфзай
  صدیقی|Siddiqui/Siddiqi|Сиддики
  اقبال|Iqbal|Икбал
  اختر|Akhtar|Ахтар
  مرزا|Mirza|Мирза
  رضا|Raza|Раза
  اسلم|Aslam|Аслам
  جاوید|Javed/Javaid|Джавед
  انور|Anwar|Анвар
  ریاض|Riaz|Рияз
  نواز|Nawaz|Наваз
  ہاشمی|Hashmi|Хашми
  عباسی|Abbasi|Аббаси
  جٹ|Jutt/Jat|Джатт
  گوندل|Gondal|Гондал
  چیمہ|Cheema|Чима
  وڑائچ|Warraich|Варайч
`);

const bengaliMale = parts(`
  মোহাম্মদ|Mohammad/Mohammed/Muhammad|Мохаммад
  রহিম|Rahim|Рахим
  করিম|Karim|Карим
  আব্দুল|Abdul|Абдул
  জাহিদ|Zahid/Jahid|Захид
  রফিক|Rafiq/Rafik|Рафик
  সাকিব|Sakib/Shakib|Сакиб
  হাসান|Hasan/Hassan|Хасан
  মাহমুদ|Mahmud/Mahmood|Махмуд
  ইমরান|Imran|Имран
  আরিফ|Arif|Ариф
  তানভীর|Tanvir/Tanveer|Танвир
`);

const bengaliFemale = parts(`
  ফাতেমা|Fatema/Fatima|Фатима
  নাসরিন|Nasrin/Nasreen|Насрин
  শাহনাজ|Shahnaz|Шахназ
  রাবেয়া|Rabeya/Rabia|Рабия
  সুমাইয়া|Sumaiya/Sumaya|Сумайя
  তাসলিমা|Taslima|Таслима
  নুসরাত|Nusrat|Нусрат
`);

const bengaliSurnames = parts(`
  ইসলাম|Islam|Ислам
  হোসেন|Hossain/Hossen/Hussain|Хоссейн
  রহমান|Rahman/Rahaman|Рахман
  আহমেদ|Ahmed|Ахмед
  উদ্দিন|Uddin|Уддин
  চৌধুরী|Chowdhury/Choudhury|Чоудхури
  মিয়া|Mia/Miah|Миа
  আলী|Ali|Али
  খান|Khan|Хан
  সরকার|Sarkar/Sarker|Саркар
  শেখ|Sheikh/Shaikh|Шейх
  আক্তার|Akter/Akhtar|Актер
  মোল্লা|Mollah/Molla|Молла
  তালুকদার|Talukder/Talukdar|Талукдер
  ভূঁইয়া|Bhuiyan/Bhuiya|Бхуйян
  মজুমদার|Majumder/Mazumder|Маджумдер
  হক|Haque/Hoque|Хак
  কবির|Kabir|Кабир
  সিদ্দিকী|Siddique/Siddiqui|Сиддики
  প্রধান|Pradhan|Прадхан
  বেপারী|Bepari|Бепари
`);

const arabicMale = parts(`
  محمد|Mohammed/Muhammad/Mohamed|Мухаммед
  أحمد|Ahmad/Ahmed|Ахмад
  خالد|Khaled/Khalid|Халед
  عمر|Omar/Umar|Омар
  محمود|Mahmoud/Mahmud|Махмуд
  يوسف|Youssef/Yusuf|Юсеф
  حسن|Hassan/Hasan|Хасан
  علي|Ali|Али
  عبد الله|Abdullah/Abdallah|Абдулла
  سامر|Samer|Самер
  باسل|Basel/Basil|Басель
  فراس|Firas|Фирас
  وائل|Wael/Wail|Ваиль
  رامي|Rami|Рами
  حيدر|Haider/Haidar|Хайдар
  مصطفى|Mustafa/Moustafa|Мустафа
  عباس|Abbas|Аббас
  سجاد|Sajjad|Саджад
`);

const arabicFemale = parts(`
  فاطمة|Fatima/Fatma|Фатима
  مريم|Maryam/Mariam|Марьям
  نور|Nour/Noor|Нур
  رنا|Rana|Рана
  هبة|Heba/Hiba|Хиба
  لينا|Lina|Лина
  سارة|Sara/Sarah|Сара
  ريم|Reem/Rim|Рим
  آية|Aya|Ая
  زينب|Zainab/Zeinab|Зейнаб
`);

const syrianSurnames = parts(`
  الأحمد|Al-Ahmad/Alahmad|Аль-Ахмад
  الحسن|Al-Hassan/Alhasan|Аль-Хасан
  الخطيب|Al-Khatib/Alkhatib|Аль-Хатиб
  حداد|Haddad|Хаддад
  المصري|Al-Masri/Almasri|Аль-Масри
  الشامي|Al-Shami/Alshami|Аш-Шами
  العلي|Al-Ali/Alali|Аль-Али
  حمود|Hammoud/Hamoud|Хаммуд
  النجار|Al-Najjar/Alnajjar|Ан-Наджар
  الحلبي|Al-Halabi/Halabi|Аль-Халаби
  درويش|Darwish/Darvish|Дарвиш
  قاسم|Qasim/Kassem|Касем
  إبراهيم|Ibrahim/Ebrahim|Ибрагим
  سليمان|Suleiman/Sulaiman|Сулейман
  خليل|Khalil/Khaleel|Халиль
  صالح|Saleh/Salih|Салех
  عيسى|Issa/Eissa|Иса
  نصر|Nasr/Nasser|Наср
  منصور|Mansour/Mansur|Мансур
  يونس|Younes/Yunus|Юнес
  عثمان|Othman/Osman|Осман
  زيدان|Zidan/Zeidan|Зидан
  الأسعد|Al-Asaad/Alasaad|Аль-Асаад
  الرفاعي|Al-Rifai/Alrifai|Ар-Рифаи
  البكري|Al-Bakri/Albakri|Аль-Бакри
  الزعبي|Al-Zoubi/Alzoubi|Аз-Зуби
`);

const iraqiSurnames = parts(`
  الجبوري|Al-Jubouri/Aljubouri|Аль-Джубури
  العبيدي|Al-Obaidi/Alobaidi|Аль-Обейди
  الدليمي|Al-Dulaimi/Aldulaimi|Ад-Дулейми
  التميمي|Al-Tamimi/Altamimi|Ат-Тамими
  الساعدي|Al-Saadi/Alsaadi|Ас-Саади
  الربيعي|Al-Rubaie/Alrubaie|Ар-Рубаи
  كاظم|Kadhim/Kazem|Казем
  جاسم|Jasim/Jassim|Джасим
  حسين|Hussein/Hussain|Хусейн
  عباس|Abbas|Аббас
  الموسوي|Al-Mousawi/Almousawi|Аль-Мусави
  الشمري|Al-Shammari/Alshammari|Аш-Шаммари
  الحسيني|Al-Husseini/Alhusseini|Аль-Хусейни
  الكعبي|Al-Kaabi/Alkaabi|Аль-Кааби
  الخفاجي|Al-Khafaji/Alkhafaji|Аль-Хафаджи
  العامري|Al-Amiri/Alamiri|Аль-Амири
  الزيدي|Al-Zaidi/Alzaidi|Аз-Зейди
  البياتي|Al-Bayati/Albayati|Аль-Баяти
  الحمداني|Al-Hamdani/Alhamdani|Аль-Хамдани
  خليل|Khalil/Khaleel|Халиль
  صالح|Saleh/Salih|Салех
  عيسى|Issa/Eissa|Иса
  نصر|Nasr/Nasser|Наср
  منصور|Mansour/Mansur|Мансур
  يونس|Younes/Yunus|Юнес
  عثمان|Othman/Osman|Осман
  زيدان|Zidan/Zeidan|Зидан
  الأسعد|Al-Asaad/Alasaad|Аль-Асаад
  الرفاعي|Al-Rifai/Alrifai|Ар-Рифаи
  البكري|Al-Bakri/Albakri|Аль-Бакри
  الزعبي|Al-Zoubi/Alzoubi|Аз-Зуби
`);

const azerbaijaniMale = parts(`
  Əli|Ali/Eli|Али
  Elvin|Elvin|Эльвин
  Rəşad|Rashad/Rasad|Рашад
  Tural|Tural|Турал
  Orxan|Orkhan/Orxan|Орхан
  Kamran|Kamran|Камран
  Ramil|Ramil|Рамиль
  Elçin|Elchin/Elcin|Эльчин
  Vüqar|Vugar/Vuqar|Вугар
  Fərid|Farid/Ferid|Фарид
  Səməd|Samad/Semed|Самед
  Anar|Anar|Анар
`);

const azerbaijaniFemale = parts(`
  Aysel|Aysel|Айсель
  Günay|Gunay|Гюнай
  Leyla|Leyla/Leila|Лейла
  Nərmin|Narmin/Nermin|Нармин
  Səbinə|Sabina/Sebine|Сабина
  Aynur|Aynur|Айнур
  Könül|Konul/Kenul|Кёнуль
  Lalə|Lala/Lale|Лала
  Xədicə|Khadija/Xedice|Хадиджа
  Fidan|Fidan|Фидан
`);

const azerbaijaniSurnames = parts(`
  Məmmədov|Mammadov/Mamedov/Memmedov|Мамедов
  Əliyev|Aliyev/Aliev/Eliyev|Алиев
  Hüseynov|Huseynov/Guseynov|Гусейнов
  Həsənov|Hasanov/Gasanov|Гасанов
  Quliyev|Guliyev/Kuliev|Кулиев
  İsmayılov|Ismayilov/Ismailov|Исмаилов
  Abbasov|Abbasov|Аббасов
  Cəfərov|Jafarov/Dzhafarov|Джафаров
  Rzayev|Rzayev/Rzaev|Рзаев
  Nəsirov|Nasirov/Nesirov|Насиров
  Süleymanov|Suleymanov/Suleimanov|Сулейманов
  Qasımov|Gasimov/Kasimov|Касумов
`);

// ——— Surnames made the way each tradition makes them, for the long tail of a large register ———

const uniqueByNative = (lists: readonly (readonly NamePart[])[]): NamePart[] => {
  const seen = new Set<string>();
  return lists.flat().filter((p) => !seen.has(p.native) && (seen.add(p.native), true));
};

/** Persian family names from a given name: Karimi, Karimzadeh, Karimpour, Karimnia; Pashto Karimzai. */
function persianDerived(roots: readonly NamePart[], suffixes: readonly [native: string, latin: readonly string[], ru: string][]): NamePart[] {
  const out: NamePart[] = [];
  for (const root of roots) {
    if (/[یهاوء]$/.test(root.native) || !/[bdfghjklmnpqrstvwxz]$/i.test(root.latin[0]!) || root.native.includes(' ')) continue;
    for (const [native, latin, ru] of suffixes) {
      const joiner = native === 'ی' || native === 'زی' ? '' : '\u200c';
      out.push({
        native: root.native + joiner + native,
        latin: [...latin.map((l) => root.latin[0]! + l), ...root.latin.slice(1).map((r) => r + latin[0]!)],
        ru: root.ru + ru,
      });
    }
  }
  return out;
}

const afghanSuffixes: [string, readonly string[], string][] = [
  ['ی', ['i'], 'и'],
  ['زاده', ['zada', 'zadah'], 'заде'],
  ['زی', ['zai', 'zay'], 'зай'],
];
const iranianSuffixes: [string, readonly string[], string][] = [
  ['ی', ['i'], 'и'],
  ['زاده', ['zadeh', 'zade'], 'заде'],
  ['پور', ['pour', 'pur'], 'пур'],
  ['نیا', ['nia', 'niya'], 'ниа'],
  ['فر', ['far'], 'фар'],
];

/** Central Asian family names from a forefather's given name: Alisher → Alisherov, Abdulla → Abdullaev. */
function sovietDerived(roots: readonly NamePart[]): NamePart[] {
  const cyr = (x: string) => (/[аяоеиуыэюёӣӯ]$/.test(x) ? `${x}ев` : /[йь]$/.test(x) ? `${x.slice(0, -1)}ев` : `${x}ов`);
  return roots
    .filter((r) => !r.native.includes(' '))
    .map((r) => ({
      native: cyr(r.native),
      latin: r.latin.flatMap((l) => (/[aeiouy]$/i.test(l) ? [`${l}ev`, `${l}yev`] : [`${l}ov`])).filter((l) => !l.includes(' ')),
      ru: cyr(r.ru),
    }));
}

/** Turkish surnames (1934 law) are mostly compounds: Kara + taş, Öz + can, Demir + oğlu. */
function turkishCompounds(): NamePart[] {
  const heads: [string, string][] = [
    ['Kara', 'Кара'],
    ['Ak', 'Ак'],
    ['Öz', 'Оз'],
    ['Er', 'Эр'],
    ['Gül', 'Гюль'],
    ['Demir', 'Демир'],
    ['Kaya', 'Кая'],
    ['Yıl', 'Йыл'],
    ['Ay', 'Ай'],
    ['Tek', 'Тек'],
    ['Bay', 'Бай'],
    ['Tun', 'Тун'],
  ];
  const tails: [string, string][] = [
    ['taş', 'таш'],
    ['soy', 'сой'],
    ['can', 'джан'],
    ['dağ', 'даг'],
    ['oğlu', 'оглу'],
    ['han', 'хан'],
    ['kurt', 'курт'],
    ['türk', 'тюрк'],
    ['göz', 'гёз'],
    ['el', 'эль'],
  ];
  const ascii = (x: string) =>
    x.replace(/ı/g, 'i').replace(/İ/g, 'I').replace(/ş/g, 's').replace(/ç/g, 'c').replace(/ğ/g, 'g').replace(/ö/g, 'o').replace(/ü/g, 'u').replace(/Ö/g, 'O').replace(/Ü/g, 'U');
  return heads.flatMap(([h, hr]) => tails.map(([t, tr]) => ({ native: h + t, latin: [...new Set([ascii(h + t), h + t])], ru: hr + tr })));
}

const centralAsian = [['ru'], ['ru'], ['en', 'ru']] as const;

export const origins: readonly Origin[] = [
  {
    nationality: 'AFG',
    script: 'persian',
    languages: [['fa'], ['fa', 'ps'], ['ps'], ['fa', 'en'], ['fa', 'ru']],
    male: persianMale,
    female: persianFemale.slice(0, 14),
    surnames: uniqueByNative([afghanSurnames, persianDerived(persianMale, afghanSuffixes)]),
    gendered: false,
    patronymic: 'none',
    singleName: 0.15,
    doubleGiven: 0.2,
    weight: 14,
  },
  {
    nationality: 'IRN',
    script: 'persian',
    languages: [['fa'], ['fa', 'en'], ['fa', 'az'], ['fa', 'tr']],
    male: [...persianMale.slice(0, 3), ...persianMale.slice(19, 22), ...persianMale.slice(25), ...persianMale.slice(3, 19)],
    female: [...persianFemale.slice(0, 4), ...persianFemale.slice(14)],
    surnames: uniqueByNative([iranianSurnames, persianDerived(persianMale, iranianSuffixes)]),
    gendered: false,
    patronymic: 'none',
    singleName: 0,
    doubleGiven: 0.12,
    weight: 11,
  },
  {
    nationality: 'RUS',
    script: 'cyrillic',
    languages: [['ru'], ['ru', 'en']],
    male: russianMale,
    female: russianFemale,
    surnames: russianSurnames,
    gendered: true,
    patronymic: 'ru',
    singleName: 0,
    doubleGiven: 0,
    weight: 8,
  },
  {
    nationality: 'UZB',
    script: 'cyrillic',
    languages: [['uz', 'ru'], ['uz'], ...centralAsian],
    male: uzbekMale,
    female: uzbekFemale,
    surnames: uniqueByNative([uzbekSurnames, sovietDerived(uzbekMale), sovietDerived(tajikMale.filter((m) => !/[ҳҷӣӯ]/.test(m.native)))]),
    gendered: true,
    patronymic: 'ru',
    singleName: 0,
    doubleGiven: 0,
    weight: 12,
  },
  {
    nationality: 'TJK',
    script: 'cyrillic',
    languages: [['tg', 'ru'], ['tg'], ['tg', 'fa']],
    male: tajikMale,
    female: tajikFemale,
    surnames: uniqueByNative([tajikSurnames, sovietDerived(tajikMale), sovietDerived(uzbekMale.filter((m) => !/[ўғқ]/.test(m.native)))]),
    gendered: true,
    patronymic: 'ru',
    singleName: 0,
    doubleGiven: 0,
    weight: 10,
  },
  {
    nationality: 'KGZ',
    script: 'cyrillic',
    languages: [['ky', 'ru'], ['ru']],
    male: kyrgyzMale,
    female: kyrgyzFemale,
    surnames: uniqueByNative([kyrgyzSurnames, sovietDerived(kyrgyzMale)]),
    gendered: true,
    patronymic: 'ru',
    singleName: 0,
    doubleGiven: 0,
    weight: 5,
  },
  {
    nationality: 'GEO',
    script: 'georgian',
    languages: [['ka'], ['ka', 'ru'], ['ka', 'en']],
    male: georgianMale,
    female: georgianFemale,
    surnames: georgianSurnames,
    gendered: false,
    patronymic: 'none',
    singleName: 0,
    doubleGiven: 0,
    weight: 6,
  },
  {
    nationality: 'TUR',
    script: 'latin',
    languages: [['tr'], ['tr', 'en'], ['tr', 'az']],
    male: turkishMale,
    female: turkishFemale,
    surnames: uniqueByNative([turkishSurnames, turkishCompounds()]),
    gendered: false,
    patronymic: 'none',
    singleName: 0,
    doubleGiven: 0.05,
    weight: 7,
  },
  {
    nationality: 'IND',
    script: 'devanagari',
    languages: [['hi', 'en'], ['pa', 'hi'], ['hi']],
    male: indianMale,
    female: indianFemale,
    surnames: indianSurnames,
    gendered: false,
    patronymic: 'none',
    singleName: 0,
    doubleGiven: 0,
    weight: 6,
  },
  {
    nationality: 'PAK',
    script: 'urdu',
    languages: [['ur'], ['ur', 'en'], ['pa', 'ur'], ['ps', 'ur']],
    male: urduMale,
    female: urduFemale,
    surnames: urduSurnames,
    gendered: false,
    patronymic: 'none',
    singleName: 0,
    doubleGiven: 0.1,
    weight: 7,
  },
  {
    nationality: 'BGD',
    script: 'bengali',
    languages: [['bn'], ['bn', 'en']],
    male: bengaliMale,
    female: bengaliFemale,
    surnames: bengaliSurnames,
    gendered: false,
    patronymic: 'none',
    singleName: 0,
    doubleGiven: 0.15,
    weight: 5,
  },
  {
    nationality: 'SYR',
    script: 'arabic',
    languages: [['ar'], ['ar', 'en'], ['ar', 'ku']],
    male: arabicMale.slice(0, 14),
    female: arabicFemale,
    surnames: syrianSurnames,
    gendered: false,
    patronymic: 'none',
    singleName: 0,
    doubleGiven: 0,
    weight: 3,
  },
  {
    nationality: 'IRQ',
    script: 'arabic',
    languages: [['ar'], ['ar', 'ku'], ['ku']],
    male: [...arabicMale.slice(0, 8), ...arabicMale.slice(14)],
    female: arabicFemale,
    surnames: iraqiSurnames,
    gendered: false,
    patronymic: 'none',
    singleName: 0,
    doubleGiven: 0,
    weight: 3,
  },
];

/**
 * Stateless people in the region are often former Soviet residents who never obtained a citizenship,
 * written in Azerbaijani Latin with Russian-language papers.
 */
export const statelessOrigin: Origin = {
  nationality: '',
  script: 'latin',
  languages: [['az', 'ru'], ['ru'], ['az']],
  male: azerbaijaniMale,
  female: azerbaijaniFemale,
  surnames: azerbaijaniSurnames,
  gendered: true,
  patronymic: 'az',
  singleName: 0,
  doubleGiven: 0,
  weight: 0,
};

/** Georgia's Azerbaijani minority: Georgian citizens who write their names in Azerbaijani Latin. */
export const georgianAzerbaijani: Origin = {
  ...statelessOrigin,
  nationality: 'GEO',
  languages: [
    ['az', 'ka'],
    ['az', 'ru'],
  ],
};

export function pickOrigin(r: Prng): Origin {
  const total = origins.reduce((s, o) => s + o.weight, 0);
  let x = r.next() * total;
  for (const o of origins) {
    x -= o.weight;
    if (x < 0) return o;
  }
  return origins[0]!;
}

/** Karimov → Karimova in every script the surname is written in. */
function feminine(p: NamePart): NamePart {
  if (!/(ov|ev|in)$/i.test(p.latin[0]!)) return p;
  const ending = /[\u0400-\u04ff]$/.test(p.native) ? 'а' : 'a';
  return { native: p.native + ending, latin: p.latin.map((l) => `${l}a`), ru: `${p.ru}а` };
}

function russianPatronymic(father: NamePart, female: boolean): string {
  if (father.patronymic) return female ? father.patronymic[1] : father.patronymic[0];
  const base = father.ru;
  if (/[ея]й$/.test(base) || /ай$/.test(base)) return base.slice(0, -1) + (female ? 'евна' : 'евич');
  if (/ий$/.test(base)) return base.slice(0, -2) + (female ? 'иевна' : 'иевич');
  if (/[оа]$/.test(base)) return base + (female ? 'евна' : 'евич');
  if (/ь$/.test(base)) return base.slice(0, -1) + (female ? 'евна' : 'евич');
  return base + (female ? 'овна' : 'ович');
}

export interface ComposedName {
  /** As the person writes it (original script). */
  original: string;
  /** As the registrar transliterated it. */
  latin: string;
  /** As Russian-language papers write it. */
  russian: string;
  patronymic?: string;
  /** Each part with the index of the Latin spelling used, so a variant can be made on purpose. */
  parts: { part: NamePart; spelling: number }[];
}

/** A person's name from their origin's pools, in the original script and one Latin spelling. */
export function composeName(r: Prng, origin: Origin, female: boolean): ComposedName {
  const givenPool = female ? origin.female : origin.male;
  const given: NamePart[] = [r.zipf(givenPool)];
  if (r.chance(origin.doubleGiven)) {
    const second = r.zipf(givenPool, 0.6);
    if (second !== given[0]) given.push(second);
  }
  const surname = r.chance(origin.singleName) ? null : origin.gendered && female ? feminine(r.zipf(origin.surnames, 0.8)) : r.zipf(origin.surnames, 0.8);
  const all = surname ? [...given, surname] : given;
  const picked = all.map((part) => ({ part, spelling: r.chance(0.7) ? 0 : r.int(0, part.latin.length - 1) }));
  let patronymic: string | undefined;
  if (origin.patronymic !== 'none') {
    const father = r.zipf(origin.male);
    if (origin.patronymic === 'ru') patronymic = russianPatronymic(father, female);
    else patronymic = `${father.native} ${female ? 'qızı' : 'oğlu'}`;
  }
  return {
    original: all.map((p) => p.native).join(' '),
    latin: picked.map((p) => p.part.latin[p.spelling]!).join(' '),
    russian: all.map((p) => p.ru).join(' '),
    patronymic,
    parts: picked,
  };
}

/** The same name as someone else would write it: another Latin spelling of each part where one exists. */
export function otherSpelling(r: Prng, name: ComposedName): string {
  return name.parts
    .map(({ part, spelling }) => {
      if (part.latin.length === 1) return part.latin[0]!;
      let s = r.int(0, part.latin.length - 2);
      if (s >= spelling) s++;
      return part.latin[s]!;
    })
    .join(' ');
}

/** Forms of the name in scripts other than the one it was registered in (for duplicates and queries). */
export function otherScriptForms(name: ComposedName, origin: Origin): string[] {
  const forms: string[] = [];
  if (origin.script !== 'cyrillic') forms.push(name.russian);
  if (origin.script !== 'latin') forms.push(name.parts.map((p) => p.part.latin[0]!).join(' '));
  if (origin.script === 'cyrillic' || origin.script === 'latin') {
    if (name.original !== name.russian) forms.push(name.original);
  } else {
    forms.push(name.original);
  }
  return [...new Set(forms)].filter((f) => f !== name.latin);
}

// The Russian sentence people see for each of DRF's English field messages (which older API clients
// match on). No zod and no error type here: the browser's forms load it with their first script.

const FIELD_LABELS: Record<string, string> = {
  email: "email",
  password: "пароль",
  first_name: "имя",
  last_name: "фамилия",
  birth: "дата рождения",
  age: "возраст",
  hobby: "хобби",
  tg_link: "ссылка на Telegram",
  is_active_pair: "участие в подборе пар",
  refresh: "refresh",
  token: "token",
  re_password: "повтор пароля",
  new_password: "новый пароль",
  re_new_password: "повтор нового пароля",
  current_password: "текущий пароль",
  uid: "uid",
  consent_terms: "согласие с правилами",
  consent_data: "согласие на обработку данных",
  consent_contact: "согласие показывать контакт",
  image: "фото",
  photo: "фото профиля",
};

const TRANSLATIONS: Array<[RegExp, (label: string, match: RegExpExecArray) => string]> = [
  [/^This field is required\.$/, (label) => `Поле «${label}» обязательно`],
  [/^This field may not be (null|blank)\.$/, (label) => `Поле «${label}» не может быть пустым`],
  [/^Not a valid string\.$/, (label) => `Поле «${label}» должно быть строкой`],
  [/no more than (\d+) characters/, (label, m) => `Поле «${label}» должно быть не длиннее ${m[1]} символов`],
  [/^Enter a valid email address\.$/, () => "Введи корректный email"],
  [/^Date has wrong format/, () => "Дата должна быть в формате ДД-ММ-ГГГГ или ГГГГ-ММ-ДД"],
  [/^Date of birth/, () => "Укажи настоящую дату рождения"],
  [/^A valid integer is required\.$/, (label) => `Поле «${label}» должно быть целым числом`],
  [/^Ensure this value is (less|greater) than or equal to (\d+)\.$/, (label) => `Недопустимое значение поля «${label}»`],
  [/^Must be a valid boolean\.$/, (label) => `Поле «${label}» должно быть true или false`],
  [/^Expected a list of items/, (label) => `Поле «${label}» должно быть списком`],
  [/^Incorrect type\. Expected pk value/, () => "Хобби указываются числовыми идентификаторами"],
  [/^Invalid pk/, () => "Указано несуществующее хобби"],
  [/^(Null|Surrogate) characters are not allowed/, (label) => `Поле «${label}» содержит недопустимые символы`],
  [/^This password is too short/, () => "Пароль должен содержать не менее 8 символов"],
  [/^This password is too common\.$/, () => "Пароль слишком простой, придумай другой"],
  [/^This password is entirely numeric\.$/, () => "Пароль не может состоять только из цифр"],
  [/^The password is too similar/, () => "Пароль слишком похож на email"],
  [/^user with this email already exists\.$/, () => "Пользователь с таким email уже существует"],
  [/^The two password fields didn't match\.$/, () => "Пароли не совпадают"],
  [/^Invalid password\.$/, () => "Неверный текущий пароль"],
  [/^Unable to log in with provided credentials\.$/, () => "Неверный email или пароль"],
  [/^Choose from (\d+) to (\d+) hobbies\.$/, (_label, m) => `Выбери от ${m[1]} до ${m[2]} хобби`],
  [/^Consent is required\.$/, () => "Без этого согласия зарегистрироваться нельзя"],
  [/^Enter a Telegram username/, () => "Ник в Telegram: 5–32 латинские буквы, цифры или _, например @ivan_petrov"],
  [/^No file was submitted\.$/, () => "Выбери файл с фото"],
  [/^The submitted file is empty\.$/, () => "Файл пустой — выбери другой"],
  [/^Upload a valid image\./, () => "Это не фото или файл повреждён: подойдёт JPEG, PNG, WebP, GIF или AVIF"],
  [/^The submitted file is larger than (\d+) MiB\.$/, (_label, m) => `Файл больше ${m[1]} МБ — выбери фото поменьше`],
  [/^The image is larger than (\d+) megapixels\.$/, (_label, m) => `Фото больше ${m[1]} мегапикселей — уменьши его или выбери другое`],
];

/** The Russian sentence the current SPA shows for a DRF-style field message. */
export function russianMessage(field: string, message: string): string {
  const label = Object.hasOwn(FIELD_LABELS, field) ? FIELD_LABELS[field]! : field;
  for (const [pattern, render] of TRANSLATIONS) {
    const match = pattern.exec(message);
    if (match) return render(label, match);
  }
  return `Проверь поле «${label}»`;
}

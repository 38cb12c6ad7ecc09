// The server's minimum (lib/auth/passwords.ts, which the browser cannot import).
const PASSWORD_MIN_LENGTH_HINT = 8;

export type Strength = { score: 0 | 1 | 2 | 3; label: string; advice: string };

/**
 * A quick hint while typing, not the check itself (the server refuses short, numeric, common and
 * email-like passwords): longer and more varied is stronger.
 */
export function passwordStrength(password: string): Strength {
  if (password.length === 0) return { score: 0, label: "", advice: `Не короче ${PASSWORD_MIN_LENGTH_HINT} символов, не только цифры.` };
  if (password.length < PASSWORD_MIN_LENGTH_HINT)
    return { score: 1, label: "Слишком короткий", advice: `Нужно хотя бы ${PASSWORD_MIN_LENGTH_HINT} символов.` };
  if (/^\d+$/.test(password)) return { score: 1, label: "Слабый", advice: "Пароль из одних цифр легко подобрать." };
  const kinds = [/[a-zа-яё]/, /[A-ZА-ЯЁ]/, /\d/, /[^\p{L}\d]/u].filter((pattern) => pattern.test(password)).length;
  if (password.length >= 12 && kinds >= 3) return { score: 3, label: "Надёжный", advice: "Отличный пароль." };
  if (password.length >= 10 || kinds >= 3)
    return { score: 2, label: "Средний", advice: "Добавь длины или разных символов — станет надёжнее." };
  return { score: 1, label: "Слабый", advice: "Сделай длиннее и добавь заглавные буквы, цифры или знаки." };
}

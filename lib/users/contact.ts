/** `https://t.me/<nick>` for a stored Telegram handle (`@nick`, `nick` or a t.me link), or null when it is not one. */
export function telegramUrl(tgLink: string | null): string | null {
  if (!tgLink) return null;
  const nick = tgLink
    .trim()
    .replace(/^(https?:\/\/)?(www\.)?(t\.me|telegram\.me)\//i, "")
    .replace(/^@/, "");
  return /^[A-Za-z0-9_]{3,32}$/.test(nick) ? `https://t.me/${nick}` : null;
}

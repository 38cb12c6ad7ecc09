import assert from "node:assert/strict";
import { before, describe, test } from "node:test";

// GET /users/api/user-by-chat-id/{chat_id}/ (API.md §8): staff look up the account linked to a
// Telegram chat. The chat is linked through the real path (a signed Login Widget payload on tg-auth).
const { configureTelegram, widgetLogin } = await import("./support/telegram");
await configureTelegram();
const { startApp } = await import("./support/app");
const { assertError, assertNoCredentials, get, postJson, signUp, STRONG_PASSWORD, uniqueEmail } = await import("./support/requests");
const { createOperatorAccount } = await import("@/lib/users/service");

const { baseUrl } = await startApp();

let staffAccess = "";
let member: Awaited<ReturnType<typeof signUp>>;
let chatId = "";

before(async () => {
  const email = uniqueEmail("staff");
  await createOperatorAccount({ input: { email, password: STRONG_PASSWORD, first_name: "Админ" }, isStaff: true });
  staffAccess = (await postJson(baseUrl, "/api/token/", { email, password: STRONG_PASSWORD })).body.access;
  member = await signUp(baseUrl, { first_name: "Вера", last_name: "Чатова", birth: "02-03-2000", hobby: [2, 1], tg_link: "@vera" });
  const login = widgetLogin();
  chatId = String(login.id);
  const linked = await postJson(baseUrl, "/users/api/tg-auth/", login, { access: member.access });
  assert.equal(linked.status, 201, linked.text);
});

describe("GET /users/api/user-by-chat-id/{chat_id}/", () => {
  test("staff get the generation-2 user linked to the chat, with and without the trailing slash", async () => {
    for (const path of [`/users/api/user-by-chat-id/${chatId}/`, `/users/api/user-by-chat-id/${chatId}`]) {
      const reply = await get(baseUrl, path, { access: staffAccess });
      assert.equal(reply.status, 200, reply.text);
      assert.deepEqual(reply.body, {
        id: member.user.id,
        first_name: "Вера",
        last_name: "Чатова",
        email: member.email,
        birth: "02-03-2000",
        age: reply.body.age,
        chat_id: chatId,
        image: null,
        hobby: [1, 2],
        tg_link: "@vera",
        is_active_pair: true,
      });
      assert.equal(typeof reply.body.age, "number");
    }
  });

  test("an unknown chat, or text that is no chat id, is a JSON 404", async () => {
    for (const chat of ["999999999999", "-1", "abc", "1%002", "%F0%9F%98%80", "1".repeat(40)]) {
      assertError(await get(baseUrl, `/users/api/user-by-chat-id/${chat}/`, { access: staffAccess }), 404, { detail: "Not found." });
    }
  });

  test("without credentials 401, a student 403, another method 405", async () => {
    assertNoCredentials(await get(baseUrl, `/users/api/user-by-chat-id/${chatId}/`));
    assertError(await get(baseUrl, `/users/api/user-by-chat-id/${chatId}/`, { access: member.access }), 403, {
      detail: "You do not have permission to perform this action.",
    });
    const post = await postJson(baseUrl, `/users/api/user-by-chat-id/${chatId}/`, {}, { access: staffAccess });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get("allow"), "GET, OPTIONS");
  });

  test("is described in the OpenAPI document", async () => {
    const document = (await get(baseUrl, "/api/openapi.json")).body;
    const operation = document.paths["/users/api/user-by-chat-id/{chat_id}/"]?.get;
    assert.ok(operation, "the path is documented");
    assert.deepEqual(Object.keys(operation.responses).sort(), ["200", "401", "403", "404"]);
  });
});

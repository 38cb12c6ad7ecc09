import { notFound } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { readProfilePhoto } from "@/lib/users/photos";

// A profile photo, by the content-addressed name users.image gives it. The name changes with the
// photo, so browsers and proxies may keep any answer for ever. With a bucket configured the app
// fetches the object and answers with it too (rather than redirecting): the bucket stays private,
// the URL and headers stay the same in both storages, and a browser asks only once per photo.
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({
  GET: async (_request, params) => {
    const data = typeof params.file === "string" ? await readProfilePhoto({ file: params.file }) : null;
    if (!data) throw notFound("Фото не найдено");
    return new Response(new Uint8Array(data), {
      status: 200,
      headers: {
        "Content-Type": "image/webp",
        "Content-Length": String(data.byteLength),
        "Cache-Control": "public, max-age=31536000, immutable",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
});

// A stand-in S3-compatible bucket on 127.0.0.1 for tests: path-style PUT, GET and DELETE of objects
// kept in memory. It refuses (403, like S3) any request without an AWS Signature V4 Authorization
// header for its credentials, and can be told to fail like an outage.
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface StubObject {
  data: Buffer;
  contentType: string | undefined;
}

export interface StubRequest {
  method: string;
  key: string;
  authorization: string;
}

export interface S3Stub {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  objects: Map<string, StubObject>;
  requests: StubRequest[];
  /** Answers every request with this status until called again with null. */
  failWith(status: number | null): void;
  close(): Promise<void>;
}

function errorXml(code: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code></Error>`;
}

export async function startS3Stub({ bucket = "photos-test", region = "ru-central1" } = {}): Promise<S3Stub> {
  const accessKeyId = "AKIATESTSTUB";
  const objects = new Map<string, StubObject>();
  const requests: StubRequest[] = [];
  let failure: number | null = null;

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const answer = (status: number, body: string | Buffer = "", headers: Record<string, string> = {}) => {
        response.writeHead(status, headers);
        response.end(body);
      };
      const path = decodeURIComponent(new URL(request.url ?? "/", "http://stub").pathname);
      const prefix = `/${bucket}/`;
      const key = path.startsWith(prefix) ? path.slice(prefix.length) : "";
      const authorization = request.headers.authorization ?? "";
      const credential = new RegExp(
        `^AWS4-HMAC-SHA256 Credential=${accessKeyId}/\\d{8}/${region}/s3/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$`,
      );
      if (!credential.test(authorization) || !request.headers["x-amz-date"]) return answer(403, errorXml("AccessDenied"));
      requests.push({ method: request.method ?? "", key, authorization });
      if (failure !== null) return answer(failure, errorXml("InternalError"));
      if (!key) return answer(404, errorXml("NoSuchBucket"));
      const body = Buffer.concat(chunks);
      switch (request.method) {
        case "PUT": {
          const declared = request.headers["x-amz-content-sha256"];
          if (declared !== "UNSIGNED-PAYLOAD" && declared !== createHash("sha256").update(body).digest("hex")) {
            return answer(400, errorXml("XAmzContentSHA256Mismatch"));
          }
          objects.set(key, { data: body, contentType: request.headers["content-type"] });
          return answer(200);
        }
        case "GET": {
          const object = objects.get(key);
          if (!object) return answer(404, errorXml("NoSuchKey"));
          return answer(200, object.data, { "content-type": object.contentType ?? "application/octet-stream" });
        }
        case "DELETE":
          objects.delete(key);
          return answer(204);
        default:
          return answer(405, errorXml("MethodNotAllowed"));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bucket,
    accessKeyId,
    secretAccessKey: "stub-secret-key",
    region,
    objects,
    requests,
    failWith(status) {
      failure = status;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

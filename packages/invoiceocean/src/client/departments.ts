import { randomBytes } from 'node:crypto';
import { parseInput, type HttpTransport, type WriteOptions } from '@invoicekit/core';
import { z } from 'zod';
import { INVOICEOCEAN } from '../provider-id';
import { DepartmentInput, DepartmentRecord } from './schemas';
import { VendorResource, type VendorRecord } from './vendor-resource';

/** A file to upload. */
export interface UploadFile {
  readonly fileName: string;
  readonly contentType: string;
  readonly data: Buffer;
}

/**
 * A logo to upload. Name and content type go into the multipart part's headers, so quotes and
 * line breaks (which would end them and add others) are refused.
 */
const UploadFileSchema = z.object({
  fileName: z
    .string()
    .min(1)
    .regex(/^[^"\r\n]+$/, { message: 'must not contain quotes or line breaks' }),
  contentType: z
    .string()
    .regex(/^[\w.+-]+\/[\w.+-]+$/, { message: 'must be a MIME type such as image/png' }),
  data: z.instanceof(Buffer).refine((data) => data.length > 0, { message: 'the file is empty' }),
});

/** Departments (the selling companies of an account), with the multipart logo upload. */
export class DepartmentsResource extends VendorResource<
  VendorRecord<{ id: string | null }>,
  z.input<typeof DepartmentInput.create>
> {
  constructor(transport: HttpTransport, extension: 'json' | 'xml') {
    super(
      transport,
      {
        path: 'departments',
        wrapper: 'department',
        record: DepartmentRecord,
        input: DepartmentInput,
      },
      extension,
    );
  }

  /** `PUT /departments/ID.json -F department[logo]=@file` (docs/vendors/invoiceocean.md §5.8). */
  async uploadLogo(
    id: string | number,
    file: UploadFile,
    options: WriteOptions = {},
  ): Promise<VendorRecord<{ id: string | null }>> {
    const operation = 'departments.uploadLogo';
    const path = this.url(`departments/${this.id(id, operation)}`);
    const checked = parseInput(UploadFileSchema, file, {
      provider: INVOICEOCEAN,
      operation,
      basePath: ['file'],
    });
    const boundary = `----invoicekit${randomBytes(12).toString('hex')}`;
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="department[logo]"; filename="${checked.fileName}"\r\nContent-Type: ${checked.contentType}\r\n\r\n`,
      ),
      checked.data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const response = await this.transport.request({
      method: 'PUT',
      path,
      body,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      operation,
      signal: options.signal,
    });
    return this.read(response.body, operation);
  }
}

import { randomBytes } from 'node:crypto';
import { ValidationError, type HttpTransport, type WriteOptions } from '@invoicekit/core';
import { INVOICEOCEAN } from '../provider-id';
import { DepartmentInput, DepartmentRecord } from './schemas';
import { VendorResource, type VendorRecord } from './vendor-resource';

/** A file to upload. */
export interface UploadFile {
  readonly fileName: string;
  readonly contentType: string;
  readonly data: Buffer;
}

/** Departments (the selling companies of an account), with the multipart logo upload. */
export class DepartmentsResource extends VendorResource<
  VendorRecord<{ id: string | null }>,
  Record<string, unknown>
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

  /** `PUT /departments/ID.json -F department[logo]=@file` (reference §5.8). */
  async uploadLogo(
    id: string | number,
    file: UploadFile,
    options: WriteOptions = {},
  ): Promise<VendorRecord<{ id: string | null }>> {
    const operation = 'departments.uploadLogo';
    if (file.data.length === 0)
      throw new ValidationError({
        provider: INVOICEOCEAN,
        issues: [{ path: 'file.data', message: 'the file is empty' }],
      });
    if (/["\r\n]/.test(file.fileName)) {
      throw new ValidationError({
        provider: INVOICEOCEAN,
        issues: [{ path: 'file.fileName', message: 'must not contain quotes or line breaks' }],
      });
    }
    const boundary = `----invoicekit${randomBytes(12).toString('hex')}`;
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="department[logo]"; filename="${file.fileName}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
      ),
      file.data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const response = await this.transport.request({
      method: 'PUT',
      path: this.url(`departments/${this.id(id, operation)}`),
      body,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      operation,
      signal: options.signal,
    });
    return this.read(response.body, operation);
  }
}

import { z } from 'zod';
import { ValidationError } from '../errors/errors';
import type { RateLimit } from '../http/rate-limiter';
import type { RetryPolicy } from '../http/retry-policy';
import type { InvoiceAdapterV1 } from '../spec/adapter-v1';
import { toFieldIssues } from '../validation/parse-input';
import { createAdapterContainer } from './adapter-container';
import {
  AdapterRuntimeOptionsSchema,
  splitAdapterOptions,
  type AdapterRuntimeOptions,
} from './adapter-options';
import type { ProviderDescriptor } from './provider-descriptor';
import { runtimeOf } from './provider-runtime';
import { TOKENS } from './tokens';
import { container as rootContainer, type DependencyContainer } from './tsyringe';

const ProviderSelectorSchema = z.looseObject({ provider: z.string().min(1) });

/**
 * The one options object of a provider's `create<Name>Adapter`: its configuration without
 * `provider`, and the plain runtime objects beside it.
 */
export type AdapterOptionsOf<ConfigInput> = (ConfigInput extends object
  ? DistributiveOmit<ConfigInput, 'provider'>
  : Record<string, unknown>) &
  AdapterRuntimeOptions;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Options of {@link ProviderRegistry.createAdapter}: the plain runtime objects. */
export type CreateAdapterOptions = AdapterRuntimeOptions;

/**
 * Resolves configuration (`{ provider: 'invoiceocean', ... }`) to an adapter. Each adapter gets a
 * child container of the registry's container, so overrides stay local to it.
 */
export class ProviderRegistry {
  private readonly descriptors = new Map<string, ProviderDescriptor<unknown>>();

  /** @param container the parent of every adapter container; register overrides there. */
  constructor(readonly container: DependencyContainer = rootContainer.createChildContainer()) {}

  /** Adds a provider. Registering the same id twice is a programming error. */
  register<Config, Adapter extends InvoiceAdapterV1, ConfigInput>(
    descriptor: ProviderDescriptor<Config, Adapter, ConfigInput>,
  ): this {
    if (this.descriptors.has(descriptor.id))
      throw new Error(`provider ${descriptor.id} is already registered`);
    this.descriptors.set(descriptor.id, descriptor);
    return this;
  }

  /** The registered provider ids, in registration order. */
  providerIds(): readonly string[] {
    return [...this.descriptors.keys()];
  }

  get(id: string): ProviderDescriptor<unknown> | undefined {
    return this.descriptors.get(id);
  }

  /**
   * Validates `config` against the chosen provider's schema and builds its adapter. Throws a
   * {@link ValidationError} naming the field paths for a bad or unknown configuration.
   */
  createAdapter(config: unknown, options: CreateAdapterOptions = {}): InvoiceAdapterV1 {
    const selector = ProviderSelectorSchema.safeParse(config);
    if (!selector.success) {
      throw new ValidationError({ provider: 'core', issues: toFieldIssues(selector.error.issues) });
    }
    const descriptor = this.descriptors.get(selector.data.provider);
    if (!descriptor) {
      throw new ValidationError({
        provider: 'core',
        issues: [
          {
            path: 'provider',
            message: `unknown provider ${JSON.stringify(selector.data.provider)}; registered: ${this.providerIds().join(', ') || 'none'}`,
          },
        ],
      });
    }
    return buildAdapter(this.container, descriptor, config, options);
  }
}

function definedFields<T extends object>(value: T | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(
    Object.entries(value).filter(([, field]) => field !== undefined),
  ) as Partial<T>;
}

function buildAdapter<Config, Adapter extends InvoiceAdapterV1, ConfigInput>(
  parent: DependencyContainer,
  descriptor: ProviderDescriptor<Config, Adapter, ConfigInput>,
  config: unknown,
  options: CreateAdapterOptions,
): Adapter {
  const parsed = descriptor.configSchema.safeParse(config);
  if (!parsed.success) {
    throw new ValidationError({
      provider: descriptor.id,
      issues: toFieldIssues(parsed.error.issues),
    });
  }
  const runtime = AdapterRuntimeOptionsSchema.safeParse(options);
  if (!runtime.success) {
    throw new ValidationError({
      provider: descriptor.id,
      issues: toFieldIssues(runtime.error.issues),
    });
  }
  // A config's own `retry` and `rateLimit` (see TRANSPORT_LIMITS_CONFIG) refine the vendor's defaults.
  const settings = parsed.data as
    { retry?: Partial<RetryPolicy>; rateLimit?: RateLimit | undefined } | null | undefined;
  const { configure, httpAgent, httpsAgent, ...objects } = runtime.data;
  const child = createAdapterContainer(
    parent,
    {
      rateLimit:
        settings?.rateLimit ?? descriptor.rateLimitOf?.(parsed.data) ?? descriptor.defaultRateLimit,
      retryPolicy: { ...descriptor.defaultRetryPolicy, ...definedFields(settings?.retry) },
    },
    objects,
  );
  child.register(TOKENS.ProviderConfig, { useValue: parsed.data });
  configure?.(child);
  return descriptor.createAdapter(runtimeOf(child, { httpAgent, httpsAgent }), parsed.data);
}

/** A registry holding the given providers. */
export function createProviderRegistry(
  descriptors: readonly ProviderDescriptor<unknown>[] = [],
  container?: DependencyContainer,
): ProviderRegistry {
  const registry = new ProviderRegistry(container);
  for (const descriptor of descriptors) registry.register(descriptor);
  return registry;
}

/**
 * The body of every provider's `create<Name>Adapter(options)`: one plain options object —
 * configuration (without `provider`) and runtime objects side by side — validated and built into
 * the provider's own adapter type, with no cast.
 */
export function createAdapterFrom<Config, Adapter extends InvoiceAdapterV1, ConfigInput>(
  descriptor: ProviderDescriptor<Config, Adapter, ConfigInput>,
  options: AdapterOptionsOf<ConfigInput>,
): Adapter {
  const { config, runtime } = splitAdapterOptions(options as Readonly<Record<string, unknown>>);
  return buildAdapter(
    rootContainer.createChildContainer(),
    descriptor,
    { ...config, provider: descriptor.id },
    runtime as CreateAdapterOptions,
  );
}

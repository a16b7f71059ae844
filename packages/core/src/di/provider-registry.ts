import 'reflect-metadata';
import { container as rootContainer, type DependencyContainer } from 'tsyringe';
import { z } from 'zod';
import { ValidationError } from '../errors/errors';
import type { RetryPolicy } from '../http/retry-policy';
import type { InvoiceAdapterV1 } from '../spec/adapter-v1';
import { toFieldIssues } from '../validation/parse-input';
import { createAdapterContainer } from './adapter-container';
import type { ProviderDescriptor } from './provider-descriptor';
import { TOKENS } from './tokens';

const ProviderSelectorSchema = z.looseObject({ provider: z.string().min(1) });

/** Options of {@link ProviderRegistry.createAdapter}. */
export interface CreateAdapterOptions {
  /** Called with the adapter's child container before the adapter is built: override anything. */
  readonly configure?: (container: DependencyContainer) => void;
}

/**
 * Resolves configuration (`{ provider: 'invoiceocean', ... }`) to an adapter. Each adapter gets a
 * child container of the registry's container, so overrides stay local to it.
 */
export class ProviderRegistry {
  private readonly descriptors = new Map<string, ProviderDescriptor<unknown>>();

  /** @param container the parent of every adapter container; register overrides there. */
  constructor(readonly container: DependencyContainer = rootContainer.createChildContainer()) {}

  /** Adds a provider. Registering the same id twice is a programming error. */
  register<Config>(descriptor: ProviderDescriptor<Config>): this {
    if (this.descriptors.has(descriptor.id))
      throw new Error(`provider ${descriptor.id} is already registered`);
    this.descriptors.set(descriptor.id, descriptor as ProviderDescriptor<unknown>);
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
    const parsed = descriptor.configSchema.safeParse(config);
    if (!parsed.success) {
      throw new ValidationError({
        provider: descriptor.id,
        issues: toFieldIssues(parsed.error.issues),
      });
    }
    // A config's own `retry` (see TRANSPORT_LIMITS_CONFIG) refines the vendor's default policy.
    const configured = (parsed.data as { retry?: Partial<RetryPolicy> } | null)?.retry;
    const child = createAdapterContainer(this.container, {
      rateLimit: descriptor.defaultRateLimit,
      retryPolicy: { ...descriptor.defaultRetryPolicy, ...definedFields(configured) },
    });
    child.register(TOKENS.ProviderConfig, { useValue: parsed.data });
    options.configure?.(child);
    return descriptor.createAdapter(child, parsed.data);
  }
}

function definedFields<T extends object>(value: T | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(
    Object.entries(value).filter(([, field]) => field !== undefined),
  ) as Partial<T>;
}

/** A registry holding the given providers. */
export function createProviderRegistry(
  descriptors: readonly ProviderDescriptor<unknown>[] = [],
  container?: DependencyContainer,
): ProviderRegistry {
  const registry = new ProviderRegistry(container);
  for (const descriptor of descriptors)
    registry.register(descriptor as ProviderDescriptor<unknown>);
  return registry;
}

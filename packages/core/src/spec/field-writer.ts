import { UnsupportedOperationError } from '../errors/errors';
import type { FieldIssue } from '../errors/invoicekit-error';
import type { AdapterWarning } from './warnings';

/**
 * What a field's rule sees besides its own value: the whole input, the object that holds the
 * field (the line for a line's field, the address for a street), the provider's context and the
 * field's dotted path. `approximate` / `unsupported` / `note` record warnings at that path.
 */
export interface FieldScope<Root, Parent, Context> {
  readonly root: Root;
  readonly parent: Parent;
  readonly context: Context;
  /** Dotted path of the field, e.g. `lines.0.discount`. */
  readonly path: string;
  /** The vendor holds a different value than given (rounded, mapped to a near kind). */
  approximate(reason: string, subPath?: string): void;
  /** Part of the value cannot be held and was not sent (e.g. `region` of an address). */
  unsupported(reason: string, subPath?: string): void;
  /** Anything else the caller should know about this write. */
  note(message: string): void;
  // The three are methods: call them on the scope (`scope.note(…)`), not detached.
}

type Defined<Value> = Exclude<Value, undefined>;

/** The field's value is written by `write`, which returns the vendor fields it sets. */
export interface WriteRule<Value, Root, Parent, Body, Context> {
  /**
   * The vendor holds the value only approximately (rounded, mapped to a near kind, one of two
   * fields): the reason, for the field capability table. The write still warns each time it
   * actually changes a value (`scope.approximate`).
   */
  readonly approximates?: string;
  readonly write: (
    value: Defined<Value>,
    scope: FieldScope<Root, Parent, Context>,
  ) => Partial<Body> | undefined;
}

/** The vendor has no place for the field: it is not sent, and the reason is the warning. */
export interface UnsupportedRule {
  readonly unsupported: string;
}

/**
 * The vendor cannot take the field in this operation and keeping the old value silently would be
 * worse than failing: the whole write is refused before anything is sent.
 */
export interface RefusedRule {
  readonly refused: string;
}

/**
 * The field is carried, but not by a rule of its own: another field's rule reads it (a first name
 * that goes into the name) or the operation itself uses it (an external id used for dedupe).
 * The reason says where, so that a reader finds it.
 */
export interface ConsumedRule {
  readonly consumed: string;
}

/** An object value whose own fields each have a rule; they write into the same body. */
export interface NestedRule<Value, Root, Body, Context> {
  readonly fields: FieldRules<Defined<Value>, Root, Body, Context>;
}

/**
 * A list whose items each have one rule per field. Every item is written into its own vendor
 * record, and `place` puts the records (and anything derived from the whole list) into the body.
 */
export interface EachRule<Item, Root, Body, Context> {
  readonly each: FieldRules<Item, Root, Record<string, unknown>, Context>;
  readonly place: (
    items: Record<string, unknown>[],
    scope: FieldScope<Root, readonly Item[], Context>,
  ) => Partial<Body> | undefined;
}

type IsPlainObject<Value> =
  Defined<Value> extends readonly unknown[]
    ? false
    : Defined<Value> extends Record<string, unknown>
      ? true
      : false;

/** How one canonical field reaches the vendor. */
export type FieldRule<Value, Root, Parent, Body, Context> =
  | WriteRule<Value, Root, Parent, Body, Context>
  | UnsupportedRule
  | RefusedRule
  | ConsumedRule
  | (IsPlainObject<Value> extends true ? NestedRule<Value, Root, Body, Context> : never)
  | (Defined<Value> extends readonly (infer Item)[] ? EachRule<Item, Root, Body, Context> : never);

/**
 * One rule for every field of `Input` — none may be left out, and none may be invented: a
 * canonical field added to the model is a compile error in every writer until it is mapped or
 * declared unsupported with its reason. Written as `satisfies FieldRules<…>` on an object literal.
 */
export type FieldRules<Input, Root, Body, Context> = {
  readonly [Key in KeysOf<Input>]-?: FieldRule<ValueOf<Input, Key>, Root, Input, Body, Context>;
};

/**
 * Every key of every member of `Input`. Written so that the mapped type above is not
 * homomorphic: a writer of `create | update` input is one table, not a union of two (a union
 * would leave the rules' parameters untyped).
 */
type KeysOf<Input> = Input extends unknown ? keyof Input : never;

/** The value type of `Key` across the members of `Input` (`undefined` where one lacks it). */
type ValueOf<Input, Key extends PropertyKey> = Input extends unknown
  ? Key extends keyof Input
    ? Input[Key]
    : undefined
  : never;

/** What {@link writeFields} produced: the vendor body and what could not be carried as given. */
export interface FieldWrite<Body> {
  readonly body: Body;
  readonly warnings: AdapterWarning[];
}

/** Where a write happens, for refusal messages. */
export interface FieldWriteOptions<Context> {
  readonly provider: string;
  readonly operation: string;
  readonly context: Context;
}

interface Walk<Root, Context> {
  readonly root: Root;
  readonly context: Context;
  readonly warnings: AdapterWarning[];
  readonly refused: FieldIssue[];
}

function joinPath(base: string, key: string): string {
  return base === '' ? key : `${base}.${key}`;
}

/**
 * The scope a rule writes in. A class, so that a write of many fields allocates one small object
 * per field rather than four closures (call its methods on the scope).
 */
class WalkScope<Root, Parent, Context> implements FieldScope<Root, Parent, Context> {
  readonly root: Root;
  readonly context: Context;

  constructor(
    private readonly walk: Walk<Root, Context>,
    readonly parent: Parent,
    readonly path: string,
  ) {
    this.root = walk.root;
    this.context = walk.context;
  }

  private at(subPath: string | undefined): string {
    return subPath ? joinPath(this.path, subPath) : this.path;
  }

  approximate(reason: string, subPath?: string): void {
    this.walk.warnings.push({ type: 'approximated', path: this.at(subPath), reason });
  }

  unsupported(reason: string, subPath?: string): void {
    this.walk.warnings.push({ type: 'unsupported_field', path: this.at(subPath), reason });
  }

  note(message: string): void {
    this.walk.warnings.push({ type: 'other', message });
  }
}

function scopeFor<Root, Parent, Context>(
  walk: Walk<Root, Context>,
  parent: Parent,
  path: string,
): FieldScope<Root, Parent, Context> {
  return new WalkScope(walk, parent, path);
}

type AnyRule = Partial<
  WriteRule<unknown, unknown, unknown, Record<string, unknown>, unknown> &
    UnsupportedRule &
    RefusedRule &
    ConsumedRule & { fields: Record<string, AnyRule> } & {
      each: Record<string, AnyRule>;
      place: (
        items: Record<string, unknown>[],
        scope: FieldScope<unknown, unknown, unknown>,
      ) => unknown;
    }
>;

function walkFields<Root, Context>(
  walk: Walk<Root, Context>,
  rules: Record<string, AnyRule>,
  value: Record<string, unknown>,
  basePath: string,
  body: Record<string, unknown>,
): void {
  for (const [key, rule] of Object.entries(rules)) {
    const fieldValue = value[key];
    // An absent field asks for nothing: no rule runs and no warning is given.
    if (fieldValue === undefined) continue;
    const path = joinPath(basePath, key);
    if (rule.write) {
      Object.assign(body, rule.write(fieldValue, scopeFor(walk, value, path)) ?? {});
    } else if (rule.unsupported !== undefined) {
      walk.warnings.push({ type: 'unsupported_field', path, reason: rule.unsupported });
    } else if (rule.refused !== undefined) {
      walk.refused.push({ path, message: rule.refused });
    } else if (rule.fields) {
      walkFields(walk, rule.fields, fieldValue as Record<string, unknown>, path, body);
    } else if (rule.each && rule.place) {
      const items = (fieldValue as readonly Record<string, unknown>[]).map((item, index) => {
        const itemBody: Record<string, unknown> = {};
        walkFields(
          walk,
          rule.each as Record<string, AnyRule>,
          item,
          joinPath(path, String(index)),
          itemBody,
        );
        return itemBody;
      });
      Object.assign(body, rule.place(items, scopeFor(walk, fieldValue, path)) ?? {});
    }
    // `consumed`: another rule or the operation carries the value; nothing to do here.
  }
  // The compiler sees to it that every field of the input type has a rule, but a value may carry
  // more than its type says (a wider record passed structurally): what no rule covers was not
  // sent, and says so rather than vanishing.
  for (const [key, fieldValue] of Object.entries(value)) {
    if (fieldValue !== undefined && !Object.hasOwn(rules, key)) {
      walk.warnings.push({
        type: 'unsupported_field',
        path: joinPath(basePath, key),
        reason: 'no rule of this writer carries the field; it was not sent',
      });
    }
  }
}

/**
 * Runs a writer's rules over a (validated) canonical input: every present field is written,
 * warned about or refused, in the order of the rules. Refused fields throw one
 * {@link UnsupportedOperationError} naming them all; nothing has been sent at that point, since
 * writers run before the write.
 */
export function writeFields<
  Input extends object,
  Body extends object = Record<string, unknown>,
  Context = undefined,
>(
  rules: FieldRules<Input, Input, Body, Context>,
  input: Input,
  options: FieldWriteOptions<Context>,
): FieldWrite<Body> {
  const walk: Walk<Input, Context> = {
    root: input,
    context: options.context,
    warnings: [],
    refused: [],
  };
  const body: Record<string, unknown> = {};
  walkFields(
    walk,
    rules as unknown as Record<string, AnyRule>,
    input as Record<string, unknown>,
    '',
    body,
  );
  if (walk.refused.length > 0) {
    throw new UnsupportedOperationError({
      provider: options.provider,
      operation: options.operation,
      issues: walk.refused,
      message: `${options.operation}: ${options.provider} cannot change ${walk.refused
        .map((issue) => issue.path)
        .join(', ')} (${[...new Set(walk.refused.map((issue) => issue.message))].join('; ')})`,
    });
  }
  // Vendor fields a rule set to `undefined` are not sent.
  const sent = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
  return { body: sent as Body, warnings: walk.warnings };
}

/** How a writer's rules treat each field, for a generated capability table. */
export type FieldHandling =
  | { readonly path: string; readonly handling: 'written' }
  | {
      readonly path: string;
      readonly handling: 'consumed' | 'approximated' | 'unsupported' | 'refused';
      readonly reason: string;
    };

/** A rules table as {@link describeFieldRules} reads it. */
export type DescribableRules =
  FieldRules<object, unknown, unknown, unknown> | Record<string, unknown>;

/**
 * Every field path of a writer with how it is handled (`lines.*.unit: written`): the rules are
 * data, so what a provider carries can be listed without running a write.
 */
export function describeFieldRules(rules: DescribableRules, basePath = ''): FieldHandling[] {
  return Object.entries(rules as Record<string, AnyRule>).flatMap(
    ([key, rule]): FieldHandling[] => {
      const path = joinPath(basePath, key);
      if (rule.write)
        return rule.approximates !== undefined
          ? [{ path, handling: 'approximated', reason: rule.approximates }]
          : [{ path, handling: 'written' }];
      if (rule.unsupported !== undefined)
        return [{ path, handling: 'unsupported', reason: rule.unsupported }];
      if (rule.refused !== undefined) return [{ path, handling: 'refused', reason: rule.refused }];
      if (rule.fields) return describeFieldRules(rule.fields, path);
      if (rule.each) return describeFieldRules(rule.each, joinPath(path, '*'));
      return [{ path, handling: 'consumed', reason: rule.consumed ?? '' }];
    },
  );
}

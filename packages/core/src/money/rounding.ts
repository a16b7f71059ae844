import { currencyExponent, type CurrencyCode } from './currency';
import { Decimal, ROUND_HALF_UP, formatFixed, toDecimal, type DecimalInput } from './decimal';

/** Rounds half-up to the currency's minor unit (EUR → cents, JPY → yen, KWD → fils). */
export function roundToCurrency(value: DecimalInput, currency: CurrencyCode): Decimal {
  return toDecimal(value).toDecimalPlaces(currencyExponent(currency), ROUND_HALF_UP);
}

/** Rounds half-up to the currency's minor unit and writes exactly that many decimals. */
export function formatMoney(value: DecimalInput, currency: CurrencyCode): string {
  return formatFixed(value, currencyExponent(currency));
}

/** The smallest amount of a currency: `0.01` for EUR, `1` for JPY, `0.001` for KWD. */
export function minorUnit(currency: CurrencyCode): Decimal {
  return new Decimal(1).dividedBy(new Decimal(10).pow(currencyExponent(currency)));
}

/** A tiny JSON codec for order messages: the code under test in `json-codec.test.ts`. */
export interface Order {
  id: number
  customer: string
  items: Array<{ sku: string; quantity: number; price: number }>
  express: boolean
}

export function encodeOrder(order: Order): string {
  return JSON.stringify(order)
}

export function decodeOrder(text: string): Order {
  const value = JSON.parse(text) as Order
  if (typeof value.id !== 'number' || !Array.isArray(value.items)) throw new TypeError('not an order')
  return value
}

export function sampleOrder(id: number): Order {
  return {
    id,
    customer: `customer-${id % 97}`,
    items: [
      { sku: 'A-100', quantity: 2, price: 9.5 },
      { sku: 'B-220', quantity: 1, price: 24 },
      { sku: 'C-310', quantity: 5, price: 1.25 },
    ],
    express: id % 2 === 0,
  }
}

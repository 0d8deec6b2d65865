// Compiled by GeneratedTypeScriptTest with tsc --strict --noEmit: every line without @ts-expect-error must
// type-check, and every @ts-expect-error line must be an error.
import { Module } from "@procwire/core";
import {
  BookingDeskClient, defineBookingDesk, type Booking, type Payment, type PaymentInput, type RoomKind,
} from "../../../target/classes/META-INF/procwire/typescript/BookingDesk.procwire.mjs";

const desk = new BookingDeskClient(defineBookingDesk(new Module("desk")));

function describe(payment: Payment | null): string {
  switch (payment?.method) {
    case "card": return "card ending " + payment.last4;
    case "bank_transfer": return "transfer " + payment.iban;
    case "voucher": return "voucher worth " + payment.value;
    default: return "none";
  }
}

export async function use(): Promise<string> {
  const room: RoomKind = "family_suite";
  const booking: Booking | null = await desk.book({ guest: "Ada", room, check_in: "2027-03-01", stay: "P3D" });
  const id = booking!.booking_id!;
  const card: PaymentInput = { method: "card", last4: "4242", valid_until: "2029-12-31" };
  const paid = await desk.pay({ booking_id: id, payment: card });
  const found = await desk.find(id);
  const arrivals: Array<Booking | null> | null = await desk.arrivals({ day: "2027-03-01" });
  const price: string | null = await desk.quote({ room: "double", stay: "P2D" });
  const now: Date | null = await desk.now();
  desk.onAudit((entry) => console.log(entry?.at?.toISOString(), entry?.action));

  // @ts-expect-error a wrong payload type: room is one of the wire names
  await desk.quote({ room: "DOUBLE", stay: "P2D" });
  // @ts-expect-error a missing required key: a payment must say which it is
  await desk.pay({ booking_id: id, payment: { last4: "4242" } });
  // @ts-expect-error an unknown method
  await desk.refund(id);
  // @ts-expect-error a wrong use of an event payload: at is a Date
  desk.onAudit((entry) => entry!.at!.toUpperCase());
  return describe(paid?.payments?.[0] ?? null) + found?.status + arrivals?.length + price + now?.getTime();
}

// The BookingDesk sample through the real parent: snake_case keys, lower-case string unions,
// java.time values and UUIDs as strings, a discriminated union for payments, Money as "EUR 12.50",
// a method and an event inherited from the base class, and the errors a caller can make.

import { Module, workerCommand, spawn, settle, json, run } from "./harness.mjs";
import { defineBookingDesk } from "../../../target/classes/META-INF/procwire/typescript/BookingDesk.procwire.mjs";

run(async () => {
  const { command, args } = workerCommand();
  const mod = defineBookingDesk(new Module("booking").executable(command, args));
  const audit = [];
  mod.onEvent("audit", (e) => audit.push(json(e)));
  const { manager, errors } = await spawn(mod);
  const out = { spawned: true };

  out.now = await settle(mod.send("now"));
  out.quote = await settle(mod.send("quote", { room: "family_suite", stay: "P2D" }));
  out.book = await settle(mod.send("book", {
    guest: "Ada", room: "double", check_in: "2027-03-01", stay: "P3D", arrival: "18:30",
  }));
  const id = out.book.value?.booking_id;
  out.found = await settle(mod.send("find", { booking_id: id }));
  out.foundBare = await settle(mod.send("find", id));
  // The discriminator need not come first; the voucher covers part, the card the rest.
  out.voucher = await settle(mod.send("pay", {
    booking_id: id, payment: { code: "WELCOME", value: "EUR 100.00", method: "voucher" },
  }));
  out.card = await settle(mod.send("pay", {
    booking_id: id, payment: { method: "card", last4: "4242", valid_until: "2029-12-31" },
  }));
  out.arrivals = await settle(mod.send("arrivals", { day: "2027-03-01" }));
  out.cancel = await settle(mod.send("cancel", { booking_id: id }));
  const second = await settle(mod.send("book", { guest: "Bo", room: "single", check_in: "2027-04-10", stay: "P1D" }));
  out.transfer = await settle(mod.send("pay", {
    booking_id: second.value?.booking_id,
    payment: { method: "bank_transfer", iban: "DE89370400440532013000", reference: "BO-0410" },
  }));

  // Mistakes a caller can make, each answered, none fatal.
  out.unknownMethod = await settle(mod.send("pay", { booking_id: id, payment: { method: "cash" } }));
  out.javaEnumName = await settle(mod.send("quote", { room: "DOUBLE", stay: "P1D" }));
  out.badMoney = await settle(mod.send("pay", {
    booking_id: id, payment: { method: "voucher", code: "X", value: "12.50 EUR" },
  }));
  out.badDate = await settle(mod.send("book", { guest: "Bo", room: "single", check_in: "2027-02-30", stay: "P1D" }));
  out.refused = await settle(mod.send("book", { guest: "Bo", room: "single", check_in: "2027-02-01", stay: "P0D" }));
  out.notFound = await settle(mod.send("cancel", { booking_id: "00000000-0000-0000-0000-000000000000" }));
  out.missing = await settle(mod.send("find", { booking_id: "00000000-0000-0000-0000-000000000000" }));

  out.audit = audit;
  await manager.shutdown();
  out.managerErrors = errors;
  return out;
});

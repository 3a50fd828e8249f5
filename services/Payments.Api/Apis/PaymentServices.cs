using FlashSales.Payments.Orders;
using FlashSales.Payments.Payments;

namespace FlashSales.Payments.Apis;

/// <summary>What paying needs from the container, bundled so the endpoint's own parameters are the request's.</summary>
public sealed record PaymentServices(
    OrderClient Orders, PaymentSettlement Settlement, PaymentLedger Ledger, TimeProvider Time, ILogger<PaymentSettlement> Logger);

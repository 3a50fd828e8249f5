using Microsoft.AspNetCore.Builder;
using Scalar.AspNetCore;
using Microsoft.Extensions.Hosting;

namespace FlashSales.ServiceDefaults;

public static class OpenApiExtensions
{
    /// <summary>The OpenAPI document at /openapi/v1.json and the Scalar UI at /scalar, in Development only.</summary>
    public static WebApplication MapDefaultOpenApi(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.MapOpenApi();
            app.MapScalarApiReference();
        }
        return app;
    }
}

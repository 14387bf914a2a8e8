# Toont de openstaande ondersteuningsaanvragen van de tenant, nieuwste eerst.
Connect-ContosoAdmin -Tenant "contoso.onmicrosoft.com"

Get-ContosoSupportRequest -State Open |
    Sort-Object -Property Created -Descending |
    Select-Object -Property Id, Title, Severity, Created

Disconnect-ContosoAdmin

# One image per program: docker build --build-arg PROJECT=silo/Balancer.Silo (or api/Balancer.Api, or
# clients/Balancer.Cli with ASSEMBLY=balancer, the name its project gives its assembly).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG PROJECT
WORKDIR /src
COPY . .
RUN dotnet publish "$PROJECT" -c Release -o /app /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0
ARG PROJECT
ARG ASSEMBLY
WORKDIR /app
# curl serves the compose health checks.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
COPY --from=build /app .
RUN echo "exec dotnet /app/${ASSEMBLY:-$(basename "$PROJECT")}.dll \"\$@\"" > /app/run.sh
ENTRYPOINT ["sh", "/app/run.sh"]

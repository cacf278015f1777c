global using Livepeer.Testing;
global using Xunit;
